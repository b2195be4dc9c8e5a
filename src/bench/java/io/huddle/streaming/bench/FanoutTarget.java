package io.huddle.streaming.bench;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A server the compare mode broadcasts through, and how its clients speak to it. Every message carries the runner's
 * {@code {"ph":phase,"i":index,"sentNs":nanos}}; each wire wraps it its own way.
 *
 * @param name       the table's name for it
 * @param process    the server's process, whose CPU time is measured
 * @param subscriber the URI of subscriber {@code i}
 * @param publisher  the publisher's URI
 * @param wire       how frames are framed and answered
 */
record FanoutTarget(String name, Supplier<ProcessHandle> process, IntFunction<URI> subscriber,
                    URI publisher, Wire wire) {

    /** A wire protocol: what a publisher sends, and what a client does with a frame that is not a message. */
    enum Wire {
        /** Huddle's protocol v1: {@code publish} into one room, each subscriber a member of it. */
        HUDDLE {
            @Override
            String publish(String room, String data, int index) {
                return "{\"type\":\"publish\",\"room\":\"" + room + "\",\"ref\":\"p" + index + "\",\"data\":" + data + "}";
            }

            @Override
            void control(WsConnection connection, CharSequence frame) {
                BenchmarkRunner.control(connection, frame);
            }
        },
        /** The bare loop and Node's {@code ws}: the data itself is the frame; nothing to answer. */
        RAW {
            @Override
            String publish(String room, String data, int index) {
                return data;
            }

            @Override
            void control(WsConnection connection, CharSequence frame) {
                // Nothing but messages comes: a connection is ready once its handshake is done.
            }
        },
        /**
         * Socket.IO over its WebSocket transport (Engine.IO 4): the server opens with {@code 0{...}}, the client
         * connects the main namespace with {@code 40} and is ready on the server's {@code 40{...}}; the server's pings
         * ({@code 2}) are answered with {@code 3}; an event is {@code 42["msg",data]}.
         */
        SOCKET_IO {
            @Override
            String publish(String room, String data, int index) {
                return "42[\"msg\"," + data + "]";
            }

            @Override
            void control(WsConnection connection, CharSequence frame) {
                if (frame.length() == 1 && frame.charAt(0) == '2') {
                    sendLater(connection, "3");
                } else if (WsConnection.startsWith(frame, "40")) {
                    connection.ready.complete(null);
                } else if (frame.length() > 0 && frame.charAt(0) == '0') {
                    sendLater(connection, "40");
                }
            }
        };

        /** The frame that publishes {@code data}, message {@code index} of a run. */
        abstract String publish(String room, String data, int index);

        /** Handles a frame that carries no message (welcome, acks, the handshake, pings). */
        abstract void control(WsConnection connection, CharSequence frame);

        /**
         * Sends one frame; the JDK client takes one send at a time per connection, and a publisher's pong may come
         * while it publishes.
         */
        static void send(WsConnection connection, String text) {
            synchronized (connection) {
                connection.send(text);
            }
        }

        /** Sends off the client's frame-handling thread, which must not wait for a send. */
        private static void sendLater(WsConnection connection, String text) {
            CompletableFuture.runAsync(() -> send(connection, text));
        }
    }
}
