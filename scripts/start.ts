/*
 * npm start: the whole stack on this machine. Not wired yet: the Kibana-like host that runs the
 * plugin is being built (issue "Inside Kibana"). Until then this says so and exits.
 */
console.log(
  'npm start is not available yet: the host that runs the plugin has not landed. ' +
    'Meanwhile: `npm run es` starts the test Elasticsearch, `npm run -s pull -- lumos|closer …` ' +
    'runs one poll cycle, `npm run -s map -- lumos|closer` maps NDJSON.'
);
process.exitCode = 0;
