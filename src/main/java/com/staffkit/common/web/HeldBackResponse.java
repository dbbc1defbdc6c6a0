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
 * memory from a budget shared by all requests, given back chunk by chunk as the client takes them;
 * a body larger than {@link #MAX_HELD} or than what is left of the budget is sent as it is written,
 * in the lane, as without this wrapper.
 */
final class HeldBackResponse extends HttpServletResponseWrapper {

    /** The most one response holds: a page of 1,000 staff members is about 1 MB. */
    static final int MAX_HELD = 2 * 1024 * 1024;

    private static final int SMALLEST_CHUNK = 1024;
    private static final int LARGEST_CHUNK = 64 * 1024;

    private final Semaphore budget;
    private final List<byte[]> chunks = new ArrayList<>();
    private int filled; // bytes used in the last chunk
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
            // As the container does: the writer's charset is the response's from now on.
            super.setCharacterEncoding(charset.name());
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
    public void setCharacterEncoding(String encoding) {
        if (writer == null) {
            super.setCharacterEncoding(encoding);
        }
    }

    @Override
    public void resetBuffer() {
        dropHeldAndWritten();
        super.resetBuffer();
    }

    @Override
    public void reset() {
        dropHeldAndWritten();
        super.reset();
        writer = null;
        stream = null;
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
        sendRedirect(location, SC_FOUND, true);
    }

    @Override
    public void sendRedirect(String location, int status) throws IOException {
        sendRedirect(location, status, true);
    }

    @Override
    public void sendRedirect(String location, boolean clearBuffer) throws IOException {
        sendRedirect(location, SC_FOUND, clearBuffer);
    }

    @Override
    public void sendRedirect(String location, int status, boolean clearBuffer) throws IOException {
        if (clearBuffer) {
            sendOnAsItComes();
        } else {
            send(false);
        }
        super.sendRedirect(location, status, clearBuffer);
    }

    /**
     * Sends what is held, with its length when the body is complete and nothing has been sent yet;
     * from then on the body goes to the client as it is written.
     *
     * @param complete whether the body is complete (not so for a request gone asynchronous)
     */
    void send(boolean complete) throws IOException {
        if (writer != null) {
            writer.flush();
        }
        if (passThrough) {
            return;
        }
        passThrough = true;
        int length = heldLength();
        if (complete && length > 0 && !isCommitted()) {
            setContentLengthLong(length);
        }
        sendHeld();
    }

    /** Gives the held body's memory back, sending nothing (the request failed). */
    void discard() {
        dropHeld();
    }

    /** The body is not held any longer: an error page or a redirect replaces it. */
    private void sendOnAsItComes() {
        dropHeldAndWritten();
        passThrough = true;
    }

    /** Drops the held body, with what the writer has not passed on yet. */
    private void dropHeldAndWritten() {
        if (writer != null) {
            writer.flush();
        }
        dropHeld();
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
                chunk = nextChunk(count - written);
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
    }

    /** Bytes held: every chunk's size, less what the last one has left. */
    private int heldLength() {
        return chunks.isEmpty() ? 0 : granted - (chunks.getLast().length - filled);
    }

    /** A chunk for at least part of the bytes to come, or null when the body may not hold more. */
    private byte[] nextChunk(int coming) {
        int growth = chunks.isEmpty() ? SMALLEST_CHUNK : 2 * chunks.getLast().length;
        int size = Math.min(LARGEST_CHUNK, Math.max(growth, coming));
        if (granted + size > MAX_HELD || !budget.tryAcquire(size)) {
            return null;
        }
        granted += size;
        byte[] chunk = new byte[size];
        chunks.add(chunk);
        filled = 0;
        return chunk;
    }

    /** Writes the held chunks out, giving each one's memory back once the client has taken it. */
    private void sendHeld() throws IOException {
        if (chunks.isEmpty()) {
            return;
        }
        try {
            ServletOutputStream out = getResponse().getOutputStream();
            while (!chunks.isEmpty()) {
                byte[] chunk = chunks.removeFirst();
                out.write(chunk, 0, chunks.isEmpty() ? filled : chunk.length);
                granted -= chunk.length;
                budget.release(chunk.length);
            }
        } finally {
            dropHeld();
        }
    }

    private void dropHeld() {
        chunks.clear();
        filled = 0;
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
