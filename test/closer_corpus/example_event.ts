/** The example event of Closer's documentation ("Elasticsearch security logs"), verbatim. */
export const CLOSER_EXAMPLE_HIT = {
  _index: 'closer',
  _type: 'entry',
  _id: 's3baO3kBZbVQk2pxTK-w',
  _version: 1,
  _score: 0,
  _source: {
    '@timestamp': '2021-05-05T09:27:12.529+0000',
    message: {
      'event.kind': ['event'],
      'event.category': ['configuration'],
      'event.type': ['change', 'user'],
      'event.action': 'agent_skills_change',
      'event.outcome': 'success',
      'http.request.body.content': '{"skills":["skill"]}',
      'http.request.method': 'PUT',
      'http.response.status_code': 204,
      'user.id': '00000000-0000-0000-0000-000000000000',
      'user.roles': ['ADMIN'],
      'source.ip': '/89.187.249.34',
      'url.full':
        'http://spinner.stage.closer.app/api/users/agents/00000000-0000-0000-0000-000000000000/skills',
      'ecs.version': '1.9',
    },
  },
};
