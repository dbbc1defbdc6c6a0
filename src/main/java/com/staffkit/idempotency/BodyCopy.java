package com.staffkit.idempotency;

import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * A request body read once before the work, to fingerprint it, and again by the handler. A body of
 * declared length up to {@link #IN_MEMORY} is kept in memory; a larger one, or one of unknown length
 * (chunked), waits in a temporary file readable only by this process's user, deleted by
 * {@link #close}: an import of hundreds of megabytes never sits in the heap. Either way the
 * fingerprint is the same digest of the same bytes.
 */
final class BodyCopy implements AutoCloseable {

    /** The default request body limit: bodies of ordinary requests stay in memory, as they always did. */
    static final long IN_MEMORY = 1024 * 1024;

    private final byte @Nullable [] bytes;
    private final @Nullable Path file;
    private final long length;
    private final byte[] fingerprint;

    private BodyCopy(byte @Nullable [] bytes, @Nullable Path file, long length, byte[] fingerprint) {
        this.bytes = bytes;
        this.file = file;
        this.length = length;
        this.fingerprint = fingerprint;
    }

    /**
     * Reads the whole body, adding it to {@code digest} (which holds what precedes the body in the
     * fingerprint). Reading is bounded by the request body limit, which runs first; a body that
     * passes it fails here with its 413, and nothing is left behind.
     */
    static BodyCopy read(HttpServletRequest request, MessageDigest digest) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared >= 0 && declared <= IN_MEMORY) {
            byte[] bytes = request.getInputStream().readAllBytes();
            digest.update(bytes);
            return new BodyCopy(bytes, null, bytes.length, digest.digest());
        }
        Path file = Files.createTempFile("staffkit-body-", ".tmp");
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            long length = request.getInputStream().transferTo(out);
            out.close();
            return new BodyCopy(null, file, length, digest.digest());
        } catch (IOException | RuntimeException ex) {
            Files.deleteIfExists(file);
            throw ex;
        }
    }

    byte[] fingerprint() {
        return fingerprint.clone();
    }

    long length() {
        return length;
    }

    InputStream open() throws IOException {
        if (bytes != null) {
            return new ByteArrayInputStream(bytes);
        }
        return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
