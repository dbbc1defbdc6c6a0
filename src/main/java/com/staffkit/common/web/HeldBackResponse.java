package com.staffkit.common.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * A response whose body is held in memory while its request works in a lane, and sent once the
 * request has left it: a client that reads its response slowly then holds its own connection, not
 * a lane. Flushes are held back too (a JSON writer flushes when it is done). Held bodies take their
 * memory from a budget shared by all requests; a body that does not fit in what is left of it is
 * sent as it is written, in the lane, as without this wrapper.
 */
final class HeldBackResponse extends HttpServletResponseWrapper {

    private static final int FIRST_CHUNK = 8 * 1024;
    private static final int LARGEST_CHUNK = 64 * 1024;

    private final Semaphore budget;
    private final List<byte[]> chunks = new ArrayList<>();
    private int filled; // bytes used in the last chunk
    private long length;
    private int granted; // bytes of the budget this response holds: its chunks' sizes
    private boolean passThrough;
    private HeldStream stream;
    private PrintWriter writer;

    HeldBackResponse(HttpServletResponse response, Semaphore budget) {
        super(response);
        this.budget = budget;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() has been called on this response already");
        }
        if (stream == null) {
            stream = new HeldStream();
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            if (stream != null) {
                throw new IllegalStateException("getOutputStream() has been called on this response already");
            }
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            stream = new HeldStream();
            writer = new PrintWriter(new OutputStreamWriter(stream, charset));
        }
        return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        if (passThrough) {
            super.flushBuffer();
        }
    }

    @Override
    public void resetBuffer() {
        dropHeld();
        super.resetBuffer();
    }

    @Override
    public void reset() {
        dropHeld();
        super.reset();
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        sendOnAsItComes();
        super.sendError(status, message);
    }

    @Override
    public void sendError(int status) throws IOException {
        sendOnAsItComes();
        super.sendError(status);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        sendOnAsItComes();
        super.sendRedirect(location);
    }

    /**
     * Sends what is held, with its length when nothing has been sent yet; from then on the body
     * goes to the client as it is written.
     */
    void send() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        if (passThrough) {
            return;
        }
        passThrough = true;
        if (length > 0 && !isCommitted()) {
            setContentLengthLong(length);
        }
        sendHeld();
    }

    /** Gives the held body's memory back, sending nothing (the request failed). */
    void discard() {
        dropHeld();
    }

    /** The body is not held any longer (past the budget, or an error page will replace it). */
    private void sendOnAsItComes() {
        dropHeld();
        passThrough = true;
    }

    private void write(byte[] bytes, int offset, int count) throws IOException {
        if (passThrough) {
            getResponse().getOutputStream().write(bytes, offset, count);
            return;
        }
        int written = 0;
        while (written < count) {
            byte[] chunk = chunks.isEmpty() ? null : chunks.getLast();
            if (chunk == null || filled == chunk.length) {
                chunk = nextChunk();
                if (chunk == null) {
                    // Over the budget: what is held goes out now, the rest as it comes.
                    passThrough = true;
                    sendHeld();
                    getResponse().getOutputStream().write(bytes, offset + written, count - written);
                    return;
                }
            }
            int part = Math.min(count - written, chunk.length - filled);
            System.arraycopy(bytes, offset + written, chunk, filled, part);
            filled += part;
            written += part;
        }
        length += count;
    }

    private byte[] nextChunk() {
        int size = chunks.isEmpty() ? FIRST_CHUNK : Math.min(LARGEST_CHUNK, 2 * chunks.getLast().length);
        if (!budget.tryAcquire(size)) {
            return null;
        }
        granted += size;
        byte[] chunk = new byte[size];
        chunks.add(chunk);
        filled = 0;
        return chunk;
    }

    private void sendHeld() throws IOException {
        try {
            if (!chunks.isEmpty()) {
                ServletOutputStream out = getResponse().getOutputStream();
                for (int i = 0; i < chunks.size() - 1; i++) {
                    out.write(chunks.get(i));
                }
                out.write(chunks.getLast(), 0, filled);
            }
        } finally {
            dropHeld();
        }
    }

    private void dropHeld() {
        chunks.clear();
        filled = 0;
        length = 0;
        budget.release(granted);
        granted = 0;
    }

    /** The body's stream: into memory while held, to the client afterwards. */
    private final class HeldStream extends ServletOutputStream {

        @Override
        public void write(int b) throws IOException {
            HeldBackResponse.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int count) throws IOException {
            HeldBackResponse.this.write(bytes, offset, count);
        }

        @Override
        public void flush() throws IOException {
            if (passThrough) {
                getResponse().getOutputStream().flush();
            }
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("Held responses are written blocking");
        }
    }
}
