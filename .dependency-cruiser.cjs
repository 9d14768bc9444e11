// @ts-check
/**
 * The architecture, enforced by `npm run lint` (see docs/architecture.md for the picture).
 *
 * Top-level folders of src/ form layers, bottom first. A folder may import only folders listed
 * before it, so no two top-level folders can import each other, directly or around a circle.
 * src/app.ts and src/main.ts, the composition root, sit above all of them.
 */
const LAYERS = [
  'config',
  'metrics',
  'database',
  'common',
  'lifecycle',
  'security',
  'users',
  'sessions',
  'auth',
  'realtime',
  'chat',
  'observability',
  'health',
  'legacy',
  'web',
  'openapi',
];

/** One rule per layer: nothing in it reaches up to a layer above it. */
const layerRules = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `layer-${layer}`,
  severity: 'error',
  comment: `src/${layer}/ sits below ${LAYERS.slice(index + 1).join(', ')}: it may not import them (docs/architecture.md).`,
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${LAYERS.slice(index + 1).join('|')})/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment: 'Folders of src/ that import each other (directly or around a circle) are one feature in two places.',
      scope: 'folder',
      // Between top-level folders: sub-folders of one feature (common/errors, common/validation) may lean on each other.
      from: { path: '^src/([^/]+)' },
      to: { path: '^src/', pathNot: '^src/$1(/|$)', circular: true },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      comment: 'A module cycle makes load order matter (typedi and decorators run at import time).',
      from: { path: '^(src|dev)/' },
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'src-not-to-unknown-folders',
      severity: 'error',
      comment: `Every top-level folder of src/ has a place in the layers: add a new one to LAYERS in .dependency-cruiser.cjs.`,
      from: { path: '^src/' },
      to: { path: '^src/[^/]+/', pathNot: `^src/(${LAYERS.join('|')})/` },
    },
    {
      name: 'src-folders-have-a-layer',
      severity: 'error',
      comment: `Every top-level folder of src/ has a place in the layers: add a new one to LAYERS in .dependency-cruiser.cjs.`,
      from: { path: '^src/[^/]+/', pathNot: `^src/(${LAYERS.join('|')})/` },
      to: { path: '^src/' },
    },
    {
      name: 'src-not-to-dev-dependencies',
      severity: 'error',
      comment: 'dist/ and the production image install dependencies only: src/ must not need a devDependency.',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'src-not-to-tooling',
      severity: 'error',
      comment: 'test/, bench/ and dev/ may import src/, never the reverse: production code does not ship dev tooling.',
      from: { path: '^src/' },
      to: { path: '^(dev|test|bench)/' },
    },
    {
      name: 'src-not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve would fail at run time.',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count for the layers: a type from a higher layer is still a dependency on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
