// The platform schema checker the simulators call (PlatformSchemas.cs): a loopback HTTP server taking
// POST /{shopify|paypal}/{request|answer} with a JSON body and answering {"problems": [{message, …}]}
// (/shopify/answer adds the "data" the request's execution shaped), and POST /shopify/versions answering {"versions": […]}.
// It prints "listening <port>" once ready and exits when its standard input closes, so it ends with the process that started it.
import http from 'node:http';
import * as shopify from './shopify-schema.mjs';
import * as paypal from './paypal-schema.mjs';

const routes = {
  '/shopify/versions': () => ({ versions: shopify.publishedVersions() }),
  '/shopify/request': async body => ({ problems: shopify.requestProblems(body) }),
  '/shopify/answer': shopify.answerOf,
  '/paypal/request': async body => ({ problems: paypal.requestProblems(body) }),
  '/paypal/answer': async body => ({ problems: paypal.answerProblems(body) }),
};

const server = http.createServer(async (request, response) => {
  const route = routes[request.url];
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  let status = 200;
  let answer;
  try {
    if (!route) [status, answer] = [404, { error: `no route ${request.url}` }];
    else answer = await route(chunks.length ? JSON.parse(Buffer.concat(chunks)) : {});
  } catch (error) {
    [status, answer] = [500, { error: error.stack ?? String(error) }];
  }
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(answer));
});

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
