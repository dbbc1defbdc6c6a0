package com.staffkit.idempotency;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body was read before the work, to fingerprint it, and is read again by the handler
 * from its {@link BodyCopy}. Spring's ContentCachingRequestWrapper keeps what the handler reads, which
 * is too late for a fingerprint that must be known before the work starts.
 */
final class CachedBodyRequest extends HttpServletRequestWrapper implements AutoCloseable {

    private final BodyCopy body;
    private ServletInputStream stream;

    CachedBodyRequest(HttpServletRequest request, BodyCopy body) {
        super(request);
        this.body = body;
    }

    byte[] fingerprint() {
        return body.fingerprint();
    }

    /** One stream per request, as the container gives. */
    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new CopyStream(body.open());
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public int getContentLength() {
        return body.length() > Integer.MAX_VALUE ? -1 : (int) body.length();
    }

    @Override
    public long getContentLengthLong() {
        return body.length();
    }

    /** Closes what the handler read and deletes a body kept on disk. */
    @Override
    public void close() throws IOException {
        try (body) {
            if (stream != null) {
                stream.close();
            }
        }
    }

    private static final class CopyStream extends ServletInputStream {

        private final InputStream in;

        CopyStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            try {
                return in.available() == 0;
            } catch (IOException ex) {
                return true;
            }
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("The body was read before the handler");
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
