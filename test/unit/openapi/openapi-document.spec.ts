import { IsString } from 'class-validator';
import { Authorized, Body, Controller, Get, JsonController, Post } from 'routing-controllers';
import { OpenAPI, ResponseSchema } from 'routing-controllers-openapi';
import { ApiRoute } from '../../../src/common/openapi/api-route.decorator';
import { buildOpenApiDocument } from '../../../src/openapi/openapi-document';

class NoteDto {
  @IsString()
  text!: string;
}

/** Shaped like an admin controller: @Authorized('admin') on the class, not on each route. */
@JsonController('/admin/notes')
@Authorized('admin')
class AdminNotesController {
  @Post('/')
  @ApiRoute({ summary: 'Add a note', errors: { 409: ['note_exists'] } })
  @ResponseSchema(NoteDto)
  add(@Body() note: NoteDto): NoteDto {
    return note;
  }

  @Get('/count')
  count(): number {
    return 0;
  }
}

/** Shaped like a Prometheus endpoint: a plain @Controller whose answer is text. */
@Controller('/scrape')
class TextController {
  @Get()
  @ApiRoute({ summary: 'Text', errors: { 404: ['route_not_found'] } })
  @OpenAPI({ responses: { 200: { content: { 'text/plain': { schema: { type: 'string' } } } } } })
  text(): string {
    return '';
  }
}

type Operation = { security?: unknown; responses: Record<string, { description: string }>; summary?: string };

describe('buildOpenApiDocument', () => {
  const document = buildOpenApiDocument([AdminNotesController]);
  const add = document.paths['/admin/notes']!.post as Operation;

  it('keeps only the media type an @OpenAPI states, not the one routing-controllers-openapi guesses', () => {
    const text = buildOpenApiDocument([TextController]).paths['/scrape']!.get as { responses: Record<string, { content: object }> };
    expect(Object.keys(text.responses['200']!.content)).toEqual(['text/plain']);
  });

  it("documents only the controllers it is given, @Post('/') without a trailing slash", () => {
    expect(Object.keys(document.paths).sort()).toEqual(['/admin/notes', '/admin/notes/count']);
  });

  it('applies a class-level @Authorized(role): both schemes, the token codes and 403 forbidden', () => {
    expect(add.security).toEqual([{ bearer: [] }, { jwt: [] }]);
    expect(Object.keys(add.responses).sort()).toEqual(['200', '400', '401', '403', '409', '413', '415', '500', '503']);
    expect(add.responses['403']!.description).toContain('forbidden');
    expect(add.responses['409']!.description).toContain('note_exists');
    expect(add.summary).toBe('Add a note');
  });

  it('documents a route without @ApiRoute from its metadata alone (the contract test then names it)', () => {
    const count = document.paths['/admin/notes/count']!.get as Operation;
    expect(Object.keys(count.responses).sort()).toEqual(['200', '400', '401', '403', '500', '503']);
    expect(count.summary).toBe('Count');
  });
});
