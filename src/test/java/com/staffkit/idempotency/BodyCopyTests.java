package com.staffkit.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** A body read before the work: where it waits for the handler, and the fingerprint it gives. */
class BodyCopyTests {

    private static final byte[] BODY =
            "first_name,last_name\nA,B\n".repeat(1000).getBytes(StandardCharsets.UTF_8);

    private static MockHttpServletRequest request(boolean declaresLength) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/staffs/imports") {
            @Override
            public long getContentLengthLong() {
                return declaresLength ? super.getContentLengthLong() : -1;
            }
        };
        request.setContent(BODY);
        return request;
    }

    private static Set<Path> spooled() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("staffkit-body-"))
                    .collect(Collectors.toCollection(HashSet::new));
        }
    }

    @Test
    void aBodyOfUnknownLengthWaitsInAFileThatCloseDeletes() throws IOException {
        Set<Path> before = spooled();
        MockHttpServletRequest request = request(false);

        BodyCopy copy = BodyCopy.read(request, IdempotencyFilter.fingerprintOfTarget(request));
        Set<Path> during = spooled();
        during.removeAll(before);
        try (InputStream in = copy.open()) {
            assertThat(in.readAllBytes()).isEqualTo(BODY);
        }
        copy.close();

        assertThat(during).hasSize(1);
        Path file = during.iterator().next();
        assertThat(file).doesNotExist();
        assertThat(copy.length()).isEqualTo(BODY.length);
    }

    @Test
    void aSmallBodyOfKnownLengthStaysInMemoryWithTheSameFingerprint() throws IOException {
        Set<Path> before = spooled();
        MockHttpServletRequest known = request(true);
        MockHttpServletRequest chunked = request(false);

        try (BodyCopy inMemory = BodyCopy.read(known, IdempotencyFilter.fingerprintOfTarget(known));
                BodyCopy onDisk = BodyCopy.read(chunked, IdempotencyFilter.fingerprintOfTarget(chunked))) {
            Set<Path> during = spooled();
            during.removeAll(before);
            assertThat(during).as("only the chunked one").hasSize(1);
            assertThat(inMemory.fingerprint()).isEqualTo(onDisk.fingerprint());
            try (InputStream in = inMemory.open()) {
                assertThat(in.readAllBytes()).isEqualTo(BODY);
            }
        }
    }
}
