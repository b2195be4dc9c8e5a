// Protocol console: connects to /ws as a development user and shows every frame as text.
const $ = (id) => document.getElementById(id);
let socket = null;

function log(kind, text) {
    const item = document.createElement('li');
    item.className = kind;
    item.textContent = (kind === 'out' ? '→ ' : kind === 'in' ? '← ' : '• ') + text;
    $('log').prepend(item);
}

function setConnected(connected) {
    $('connect-button').disabled = connected;
    $('disconnect-button').disabled = !connected;
    $('send-button').disabled = !connected;
    $('status').textContent = connected ? 'connected' : 'disconnected';
}

$('connect').addEventListener('submit', (event) => {
    event.preventDefault();
    const url = new URL('ws', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('user', $('user').value);
    socket = new WebSocket(url);
    socket.addEventListener('open', () => setConnected(true));
    socket.addEventListener('message', (e) => log('in', e.data));
    socket.addEventListener('close', (e) => {
        log('closed', `closed ${e.code}${e.reason ? ' ' + e.reason : ''}`);
        setConnected(false);
    });
});

$('disconnect-button').addEventListener('click', () => socket && socket.close(1000, 'bye'));

$('send').addEventListener('submit', (event) => {
    event.preventDefault();
    if (socket && socket.readyState === WebSocket.OPEN) {
        socket.send($('frame').value);
        log('out', $('frame').value);
    }
});

document.querySelectorAll('#examples button').forEach((button) => {
    button.addEventListener('click', () => {
        $('frame').value = button.dataset.frame;
        $('frame').focus();
    });
});
