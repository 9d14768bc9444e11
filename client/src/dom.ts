/** Children of h(): nodes, or strings that become text nodes (never parsed as HTML). */
export type Child = Node | string | null | undefined | false;
type AttrValue = string | number | boolean | undefined | ((event: Event) => void);

/**
 * Creates an element. `on*` attributes become event listeners, `true` an empty attribute,
 * `false`/`undefined` nothing. Strings are always text: user content can never become markup.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, AttrValue> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== undefined) element.setAttribute(name, String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** A labelled input: the label's text is the field's accessible name. */
export function field(label: string, attrs: Record<string, AttrValue>): { wrapper: HTMLElement; input: HTMLInputElement } {
  const id = `f-${Math.random().toString(36).slice(2, 10)}`;
  const input = h('input', { id, ...attrs });
  return { wrapper: h('p', { class: 'field' }, h('label', { for: id }, label), input), input };
}

/** Reads a form's named fields as strings. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') values[name] = value;
  return values;
}

/** Disables a form's controls while `work` runs, so a double click does not submit twice. */
export async function busy<T>(form: HTMLFormElement, work: () => Promise<T>): Promise<T> {
  const controls = [...form.elements] as (HTMLInputElement | HTMLButtonElement)[];
  for (const control of controls) control.disabled = true;
  try {
    return await work();
  } finally {
    for (const control of controls) control.disabled = false;
  }
}
