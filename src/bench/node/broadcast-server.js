// The broadcast servers of the benchmark's compare mode (docs/BENCHMARK.md, "Compare mode"):
//
//   node broadcast-server.js socketio <port>   Socket.IO: every client joins one room; each "msg" event a client
//                                              emits goes to the whole room (the sender included)
//   node broadcast-server.js ws <port>         the ws library: every text frame to every open socket (the sender
//                                              included), the Node counterpart of the bare @ServerEndpoint loop
//
// Both listen on 127.0.0.1, WebSocket only, no compression, and print "listening <port>" once they accept.
'use strict';

const http = require('http');

const [kind, portText] = process.argv.slice(2);
const port = Number(portText);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node broadcast-server.js socketio|ws <port>');
  process.exit(2);
}

function listening() {
  console.log('listening ' + port);
}

if (kind === 'socketio') {
  const { Server } = require('socket.io');
  const server = http.createServer();
  const io = new Server(server, {
    transports: ['websocket'],
    perMessageDeflate: false,
    httpCompression: false,
    serveClient: false,
  });
  io.on('connection', (socket) => {
    socket.join('bench');
    socket.on('msg', (data) => io.to('bench').emit('msg', data));
  });
  server.listen(port, '127.0.0.1', listening);
} else if (kind === 'ws') {
  const { WebSocketServer, OPEN } = require('ws');
  const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false });
  wss.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => {
      for (const client of wss.clients) {
        if (client.readyState === OPEN) {
          client.send(data, { binary: isBinary });
        }
      }
    });
  });
  wss.on('listening', listening);
} else {
  console.error('unknown server kind "' + kind + '": socketio or ws');
  process.exit(2);
}
