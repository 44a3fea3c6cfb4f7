import { ecsCategorizationProblems } from '../../../test/fixtures/closer/ecs_validator';
import { CLOSER_EXAMPLE_HIT } from '../../../test/fixtures/closer/example_event';
import { CLOSER_ACTIONS } from './actions';
import { closerDocumentId, closerMapper } from './mapper';

const context = { namespace: 'default', now: new Date('2026-01-02T03:04:05.000Z') };

describe("Closer's documented example event", () => {
  const { id, index, document } = closerMapper.mapRecord(
    CLOSER_EXAMPLE_HIT,
    JSON.stringify(CLOSER_EXAMPLE_HIT),
    context
  );
  const event = document.event as Record<string, unknown>;

  it('is not valid ECS as Closer sends it', () => {
    const message = CLOSER_EXAMPLE_HIT._source.message;
    expect(
      ecsCategorizationProblems({
        kind: message['event.kind'],
        category: message['event.category'],
        type: message['event.type'],
        outcome: message['event.outcome'],
      })
    ).toEqual([
      'event.kind must be one keyword, got ["event"]',
      'event.type "user" is not expected with event.category ["configuration"]',
    ]);
  });

  it('maps to valid ECS', () => {
    expect(ecsCategorizationProblems(event)).toEqual([]);
    expect(index).toBe('logs-closer.security-default');
    expect(id).toBe(closerDocumentId('closer', 's3baO3kBZbVQk2pxTK-w'));
    expect(document['@timestamp']).toBe('2021-05-05T09:27:12.529Z');
    expect(event).toMatchObject({
      kind: 'event',
      category: ['configuration', 'iam'],
      type: ['change', 'user'],
      action: 'agent_skills_change',
      outcome: 'success',
      dataset: 'closer.security',
      module: 'closer',
      id: 's3baO3kBZbVQk2pxTK-w',
      created: '2026-01-02T03:04:05.000Z',
    });
    expect(document.source).toEqual({ ip: '89.187.249.34', address: '89.187.249.34' });
    expect(document.related).toEqual({
      ip: ['89.187.249.34'],
      user: ['00000000-0000-0000-0000-000000000000'],
    });
    expect(document.user).toEqual({ id: '00000000-0000-0000-0000-000000000000', roles: ['ADMIN'] });
    expect(document.http).toEqual({
      request: { method: 'PUT', body: { content: '{"skills":["skill"]}', bytes: 20 } },
      response: { status_code: 204 },
    });
    expect(document.url).toEqual({
      full: 'http://spinner.stage.closer.app/api/users/agents/00000000-0000-0000-0000-000000000000/skills',
      original:
        'http://spinner.stage.closer.app/api/users/agents/00000000-0000-0000-0000-000000000000/skills',
      scheme: 'http',
      domain: 'spinner.stage.closer.app',
      path: '/api/users/agents/00000000-0000-0000-0000-000000000000/skills',
    });
    expect(document.closer).toEqual({
      security: {
        index: 'closer',
        kind: ['event'],
        category: ['configuration'],
        type: ['change', 'user'],
        outcome: 'success',
        ecs_version: '1.9',
        source_ip: '/89.187.249.34',
      },
    });
    expect(JSON.parse(event.original as string)).toEqual(CLOSER_EXAMPLE_HIT._source);
    expect(document.message).toBe(
      "Agent's skills changed by user 00000000-0000-0000-0000-000000000000 from 89.187.249.34: PUT /api/users/agents/00000000-0000-0000-0000-000000000000/skills → 204"
    );
  });

  it('the action table covers all 58 documented actions with valid ECS', () => {
    expect(Object.keys(CLOSER_ACTIONS)).toHaveLength(58);
    for (const [action, info] of Object.entries(CLOSER_ACTIONS)) {
      expect({
        action,
        problems: ecsCategorizationProblems({ kind: 'event', ...info, outcome: 'success' }),
      }).toEqual({ action, problems: [] });
      // And through the mapper, with Closer's invalid pair as input.
      const hit = {
        _index: 'closer',
        _id: action,
        _source: {
          ...CLOSER_EXAMPLE_HIT._source,
          message: { ...CLOSER_EXAMPLE_HIT._source.message, 'event.action': action },
        },
      };
      const mapped = closerMapper.mapRecord(hit, '', context).document.event as Record<
        string,
        unknown
      >;
      expect({ action, problems: ecsCategorizationProblems(mapped) }).toEqual({
        action,
        problems: [],
      });
      expect(mapped.category).toEqual(info.category);
    }
  });
});
