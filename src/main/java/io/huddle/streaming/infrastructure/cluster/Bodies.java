package io.huddle.streaming.infrastructure.cluster;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writing and reading the bodies of the cluster's messages: each is a sequence of {@link DataOutputStream} fields;
 * text that may be longer than {@code writeUTF} takes goes as a length and UTF-8 bytes. Stateless.
 */
final class Bodies {

    /** Writes the fields of a body. */
    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private Bodies() {
    }

    /** The bytes {@code body} writes. */
    static byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes text of any length. */
    static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /** Reads what {@link #writeText} wrote; refuses a length beyond what is left. */
    static String readText(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("text of " + length + " bytes where " + in.available() + " are left");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
