package io.huddle.streaming.it.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client written on a plain socket, for what a well-behaved client library will not do: answering
 * pings only when told to, never reading (a slow consumer), sending arbitrary bytes. It reads only when asked to.
 */
public final class RawWsClient implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    private RawWsClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Connects to {@code /ws?user=...} and completes the opening handshake; {@code receiveBuffer} bytes of TCP buffer. */
    public static RawWsClient connect(URL base, String user, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()), 5000);
        RawWsClient client = new RawWsClient(socket);
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        String request = "GET " + base.getPath() + "ws?user=" + user + " HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        client.out.write(request.getBytes(StandardCharsets.US_ASCII));
        client.out.flush();
        String status = client.readLine();
        if (!status.contains(" 101 ")) {
            throw new IOException("upgrade refused: " + status);
        }
        while (!client.readLine().isEmpty()) {
            // skip the response headers
        }
        return client;
    }

    /** Sends one masked text frame with the given payload bytes. */
    public void sendText(byte[] payload) throws IOException {
        send(0x81, payload);
    }

    /** Sends one masked close frame with status {@code code} (the start of a normal close). */
    public void sendClose(int code) throws IOException {
        send(0x88, new byte[] {(byte) (code >>> 8), (byte) code});
    }

    /** Sends one masked pong frame carrying {@code payload} (the answer to a ping). */
    public void sendPong(byte[] payload) throws IOException {
        send(0x8A, payload);
    }

    private void send(int head, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(head);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** One frame read from the server: its opcode (1 text, 8 close, 9 ping, 10 pong) and payload. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** A close frame's status code (1005, "no status", when it carries none). */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }

        /** A close frame's code and reason, as text. */
        public String describeClose() {
            return payload.length < 2 ? "no code"
                    : closeCode() + " " + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    /** Reads the next frame, answering nothing; fails when none arrives within {@code timeoutMillis}. */
    public Frame readFrame(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        int head = in.readUnsignedByte();
        long length = in.readUnsignedByte() & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(head & 0x0f, payload);
    }

    /**
     * Reads frames (answering nothing) until a close frame arrives, and returns its status code; fails when the
     * socket is closed without one or nothing arrives within {@code timeoutMillis}.
     */
    public int readUntilClose(int timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long left;
        while ((left = deadline - System.currentTimeMillis()) > 0) {
            Frame frame;
            try {
                frame = readFrame((int) left);
            } catch (SocketTimeoutException e) {
                break;
            }
            if (frame.opcode() == 0x8) {
                return frame.closeCode();
            }
        }
        throw new EOFException("no close frame within " + timeoutMillis + " ms");
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        InputStream raw = in;
        int c;
        while ((c = raw.read()) != -1) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
