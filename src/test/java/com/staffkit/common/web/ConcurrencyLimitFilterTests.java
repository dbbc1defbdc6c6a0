package com.staffkit.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.staffkit.common.error.PayloadTooLargeException;
import com.staffkit.common.error.ProblemResponseWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.mock.web.DelegatingServletOutputStream;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class ConcurrencyLimitFilterTests {

    private static final ProblemResponseWriter PROBLEMS =
            new ProblemResponseWriter(JsonMapper.builder().build());

    private static MockHttpServletResponse send(ConcurrencyLimitFilter filter, FilterChain chain) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        sendTo(filter, response, chain);
        return response;
    }

    private static void sendTo(ConcurrencyLimitFilter filter, MockHttpServletResponse client, FilterChain chain) {
        try {
            filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/staffs/"), client, chain);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    /** A handler that works until the latch opens. */
    private static FilterChain waitingFor(CountDownLatch release) {
        return (request, response) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private static void joinAll(List<Thread> requests) throws InterruptedException {
        for (Thread request : requests) {
            request.join();
        }
    }

    /** Starts a request that holds a lane until the latch opens, once it has the lane. */
    private static Thread holdALane(ConcurrencyLimitFilter filter, CountDownLatch release) throws InterruptedException {
        Thread holder = Thread.ofVirtual().start(() -> send(filter, waitingFor(release)));
        await(() -> filter.working() == 1);
        return holder;
    }

    @Test
    void noMoreRequestsThanLanesWorkAtOnceAndTheRestFollow() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(2, Duration.ofSeconds(10), PROBLEMS);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inChain = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        FilterChain chain = (request, response) -> {
            mostAtOnce.accumulateAndGet(inChain.incrementAndGet(), Math::max);
            waitingFor(release).doFilter(request, response);
            inChain.decrementAndGet();
        };
        List<Thread> requests = new CopyOnWriteArrayList<>();
        List<MockHttpServletResponse> responses = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(Thread.ofVirtual().start(() -> responses.add(send(filter, chain))));
        }

        await(() -> filter.working() == 2 && filter.waiting() == 4);
        assertThat(inChain).hasValue(2);
        release.countDown();
        joinAll(requests);

        assertThat(mostAtOnce).hasValue(2);
        assertThat(responses)
                .hasSize(6)
                .allSatisfy(response -> assertThat(response.getStatus()).isEqualTo(200));
        assertThat(filter.working()).isZero();
        assertThat(filter.waiting()).isZero();
    }

    @Test
    void waitingRequestsAreServedInArrivalOrder() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1, Duration.ofSeconds(10), PROBLEMS);
        CountDownLatch release = new CountDownLatch(1);
        List<String> served = new CopyOnWriteArrayList<>();
        Thread first = holdALane(filter, release);
        List<Thread> queued = new CopyOnWriteArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String name = "request " + i;
            queued.add(Thread.ofVirtual().start(() -> send(filter, (request, response) -> served.add(name))));
            int waiting = i;
            await(() -> filter.waiting() == waiting);
        }

        release.countDown();
        first.join();
        joinAll(queued);

        assertThat(served).containsExactly("request 1", "request 2", "request 3", "request 4", "request 5");
    }

    @Test
    void aRequestThatWaitsTooLongGets503WithRetryAfterAndNeverRuns() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1, Duration.ofMillis(50), PROBLEMS);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = holdALane(filter, release);
        AtomicInteger ran = new AtomicInteger();

        MockHttpServletResponse response = send(filter, (request, res) -> ran.incrementAndGet());
        release.countDown();
        holder.join();

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString())
                .contains("\"status\":503")
                .contains("\"title\":\"Service overloaded\"")
                .contains("https://staffkit.dev/problems/overloaded");
        assertThat(ran).hasValue(0);
        assertThat(filter.working()).isZero();
    }

    @Test
    void aLaneComesBackWhenTheRequestFails() {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1, Duration.ofMillis(50), PROBLEMS);
        FilterChain failing = (request, response) -> {
            throw new IllegalStateException("handler failed");
        };

        assertThatThrownBy(() -> send(filter, failing)).hasRootCauseMessage("handler failed");

        assertThat(filter.working()).isZero();
        assertThat(send(filter, (request, response) -> {}).getStatus()).isEqualTo(200);
    }

    private static final String LOGIN = "{\"username\": \"a\"}";

    @Test
    void aSlowBodyOfDeclaredLengthIsReadBeforeItsRequestTakesALane() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1, Duration.ofMillis(200), PROBLEMS);
        CountDownLatch bodyArrives = new CountDownLatch(1);
        List<String> bodies = new CopyOnWriteArrayList<>();
        Thread upload = upload(filter, requestWithBody(slowly(LOGIN, bodyArrives), LOGIN.length()), bodies);
        await(() -> filter.earlyReadBytes() == LOGIN.length());

        // Another request is served at once although the upload is still arriving.
        assertThat(send(filter, (request, response) -> {}).getStatus()).isEqualTo(200);
        bodyArrives.countDown();
        upload.join();

        assertThat(bodies).containsExactly(LOGIN);
        assertThat(filter.earlyReadBytes()).isZero();
        assertThat(filter.working()).isZero();
    }

    @Test
    void aBodyWithoutDeclaredLengthIsReadInItsLane() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1, Duration.ofSeconds(10), PROBLEMS);
        CountDownLatch bodyArrives = new CountDownLatch(1);
        List<String> bodies = new CopyOnWriteArrayList<>();
        Thread upload = upload(filter, requestWithBody(slowly(LOGIN, bodyArrives), null), bodies);

        await(() -> filter.working() == 1);
        assertThat(filter.earlyReadBytes()).isZero();
        bodyArrives.countDown();
        upload.join();

        assertThat(bodies).containsExactly(LOGIN);
        assertThat(filter.working()).isZero();
    }

    @Test
    void aBodyOverTheLimitWhileReadIsRefusedWith413() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1, Duration.ofMillis(50), PROBLEMS);
        MockHttpServletRequest tooLarge = requestWithBody(
                new InputStream() {
                    @Override
                    public int read() {
                        throw new PayloadTooLargeException(10);
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) {
                        throw new PayloadTooLargeException(10);
                    }
                },
                20);
        AtomicInteger ran = new AtomicInteger();
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(tooLarge, response, (request, res) -> ran.incrementAndGet());

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(ran).hasValue(0);
        assertThat(filter.working()).isZero();
        assertThat(filter.earlyReadBytes()).isZero();
    }

    /** A body that arrives once the latch opens. */
    private static InputStream slowly(String content, CountDownLatch arrives) {
        InputStream body = new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
        return new InputStream() {
            @Override
            public int read() throws IOException {
                awaitBody();
                return body.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                awaitBody();
                return body.read(buffer, offset, length);
            }

            private void awaitBody() {
                try {
                    arrives.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** A POST whose body comes from the stream: of the declared length, or chunked when it is null. */
    private static MockHttpServletRequest requestWithBody(InputStream body, Integer declaredLength) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/auth/login") {
            @Override
            public ServletInputStream getInputStream() {
                return new DelegatingServletInputStream(body);
            }
        };
        if (declaredLength == null) {
            request.addHeader("Transfer-Encoding", "chunked");
        } else {
            request.setContent(new byte[declaredLength]);
        }
        return request;
    }

    /** Sends the request in the background; its handler records the body it reads. */
    private static Thread upload(ConcurrencyLimitFilter filter, MockHttpServletRequest request, List<String> bodies) {
        return Thread.ofVirtual().start(() -> {
            try {
                filter.doFilter(
                        request,
                        new MockHttpServletResponse(),
                        (req, res) ->
                                bodies.add(new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static final byte[] PAGE =
            "[{\"name\":\"Ærøskøbing\"}]".repeat(4_000).getBytes(StandardCharsets.UTF_8);

    /** Writes the page and flushes, as a JSON message converter does. */
    private static final FilterChain WRITES_A_PAGE = (request, response) -> {
        response.setContentType("application/json");
        response.getOutputStream().write(PAGE);
        response.getOutputStream().flush();
    };

    @Test
    void aClientReadingItsResponseSlowlyDoesNotHoldALane() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1, Duration.ofMillis(200), PROBLEMS);
        SlowClient slowClient = new SlowClient();
        Thread download = Thread.ofVirtual().start(() -> sendTo(filter, slowClient, WRITES_A_PAGE));
        try {
            await(() -> slowClient.waiting() == 1);

            // The page is on its way, its lane free for the next request.
            assertThat(filter.working()).isZero();
            assertThat(filter.heldBodyBytes()).isGreaterThanOrEqualTo(PAGE.length);
            assertThat(send(filter, (request, response) -> {}).getStatus()).isEqualTo(200);

            // What the client has taken no longer counts.
            slowClient.takes(1);
            await(() -> slowClient.waiting() == 1 && filter.heldBodyBytes() < PAGE.length);
        } finally {
            slowClient.takesAll();
            download.join();
        }

        assertThat(slowClient.getContentAsByteArray()).isEqualTo(PAGE);
        assertThat(slowClient.getContentLengthLong()).isEqualTo(PAGE.length);
        assertThat(slowClient.getContentType()).isEqualTo("application/json");
        assertThat(filter.heldBodyBytes()).isZero();
    }

    @Test
    void aBodyLargerThanWhatHeldBodiesMayTakeIsSentFromItsLane() throws Exception {
        ConcurrencyLimitFilter filter =
                new ConcurrencyLimitFilter(1, Duration.ofMillis(200), PROBLEMS, PAGE.length / 2);
        SlowClient slowClient = new SlowClient();
        Thread download = Thread.ofVirtual().start(() -> sendTo(filter, slowClient, WRITES_A_PAGE));
        try {
            await(() -> slowClient.waiting() == 1);
            assertThat(filter.working()).isEqualTo(1);
        } finally {
            slowClient.takesAll();
            download.join();
        }

        assertThat(slowClient.getContentAsByteArray()).isEqualTo(PAGE);
        assertThat(filter.working()).isZero();
        assertThat(filter.heldBodyBytes()).isZero();
    }

    @Test
    void aBodyReadEarlyStopsCountingOnceItsRequestHasWorked() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1, Duration.ofMillis(200), PROBLEMS);
        SlowClient slowClient = new SlowClient();
        MockHttpServletRequest login =
                requestWithBody(new ByteArrayInputStream(LOGIN.getBytes(StandardCharsets.UTF_8)), LOGIN.length());
        Thread exchange = Thread.ofVirtual().start(() -> {
            try {
                filter.doFilter(login, slowClient, (request, response) -> {
                    request.getInputStream().readAllBytes();
                    WRITES_A_PAGE.doFilter(request, response);
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            await(() -> slowClient.waiting() == 1);
            assertThat(filter.earlyReadBytes()).isZero();
        } finally {
            slowClient.takesAll();
            exchange.join();
        }
    }

    @Test
    void aClientGoneWhileTheBodyIsSentGivesItsMemoryBack() {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1, Duration.ofMillis(200), PROBLEMS);
        MockHttpServletResponse gone = new MockHttpServletResponse() {
            @Override
            public ServletOutputStream getOutputStream() {
                return new DelegatingServletOutputStream(OutputStream.nullOutputStream()) {
                    @Override
                    public void write(byte[] bytes, int offset, int count) throws IOException {
                        throw new IOException("Connection reset by peer");
                    }
                };
            }
        };

        assertThatThrownBy(() ->
                        filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/staffs/"), gone, WRITES_A_PAGE))
                .isInstanceOf(IOException.class);

        assertThat(filter.heldBodyBytes()).isZero();
        assertThat(filter.working()).isZero();
    }

    @Test
    void nothingIsSentBeforeTheRequestLeavesItsLaneAndAWriterKeepsItsCharset() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1, Duration.ofMillis(200), PROBLEMS);
        MockHttpServletResponse client = new MockHttpServletResponse();
        AtomicInteger sentInLane = new AtomicInteger(-1);

        filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/staffs/"), client, (request, response) -> {
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("Ærøskøbing");
            response.flushBuffer();
            sentInLane.set(client.getContentAsByteArray().length);
            assertThat(response.isCommitted()).isFalse();
        });

        assertThat(sentInLane).hasValue(0);
        assertThat(client.getContentAsString()).isEqualTo("Ærøskøbing");
        assertThat(client.getContentLength()).isEqualTo("Ærøskøbing".getBytes(StandardCharsets.UTF_8).length);
        assertThat(filter.heldBodyBytes()).isZero();
    }

    @Test
    void aResetBufferDropsWhatTheWriterHeld() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1, Duration.ofMillis(200), PROBLEMS);

        MockHttpServletResponse response = send(filter, (request, res) -> {
            res.getWriter().write("first try");
            res.resetBuffer();
            res.getWriter().write("second");
        });

        assertThat(response.getContentAsString()).isEqualTo("second");
        assertThat(response.getContentLength()).isEqualTo(6);
    }

    @Test
    void aFailedRequestSendsNothingItWroteAndAnErrorReplacesTheHeldBody() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1, Duration.ofMillis(200), PROBLEMS);
        MockHttpServletResponse failed = new MockHttpServletResponse();
        FilterChain writesThenFails = (request, response) -> {
            response.getOutputStream().write(PAGE);
            throw new IllegalStateException("handler failed");
        };

        assertThatThrownBy(
                        () -> filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/x"), failed, writesThenFails))
                .hasMessage("handler failed");
        assertThat(failed.getContentAsByteArray()).isEmpty();
        assertThat(filter.heldBodyBytes()).isZero();

        MockHttpServletResponse error = send(filter, (request, response) -> {
            response.getOutputStream().write(PAGE);
            ((HttpServletResponse) response).sendError(500);
        });
        assertThat(error.getStatus()).isEqualTo(500);
        assertThat(error.getContentAsByteArray()).isEmpty();
        assertThat(filter.heldBodyBytes()).isZero();
        assertThat(filter.working()).isZero();
    }

    @Test
    void aRedirectReplacesTheHeldBodyUnlessItKeepsTheBuffer() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1, Duration.ofMillis(200), PROBLEMS);

        MockHttpServletResponse replaced = send(filter, (request, response) -> {
            response.getOutputStream().write(PAGE);
            ((HttpServletResponse) response).sendRedirect("/elsewhere");
        });
        MockHttpServletResponse kept = send(filter, (request, response) -> {
            response.getOutputStream().write("See /elsewhere".getBytes(StandardCharsets.UTF_8));
            ((HttpServletResponse) response).sendRedirect("/elsewhere", 303, false);
        });

        assertThat(replaced.getRedirectedUrl()).isEqualTo("/elsewhere");
        assertThat(replaced.getContentAsByteArray()).isEmpty();
        assertThat(kept.getStatus()).isEqualTo(303);
        assertThat(kept.getContentAsString()).isEqualTo("See /elsewhere");
        assertThat(filter.heldBodyBytes()).isZero();
    }

    /** A client that takes each write of the response only when the test lets it. */
    private static final class SlowClient extends MockHttpServletResponse {

        private final Semaphore takes = new Semaphore(0);
        private final AtomicInteger waiting = new AtomicInteger();
        private final ServletOutputStream connection = new ServletOutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int count) throws IOException {
                waiting.incrementAndGet();
                takes.acquireUninterruptibly();
                waiting.decrementAndGet();
                SlowClient.super.getOutputStream().write(bytes, offset, count);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {}
        };

        /** Writes waiting for the client to take them. */
        int waiting() {
            return waiting.get();
        }

        void takes(int writes) {
            takes.release(writes);
        }

        void takesAll() {
            takes.release(1_000_000);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return connection;
        }
    }

    @Test
    void healthProbesDocsAndPreflightsNeverQueue() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1, Duration.ofMillis(50), PROBLEMS);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = holdALane(filter, release);

        List<MockHttpServletRequest> requests = List.of(
                new MockHttpServletRequest("GET", "/actuator/health/readiness"),
                new MockHttpServletRequest("GET", "/v3/api-docs"),
                new MockHttpServletRequest("GET", "/swagger-ui/index.html"),
                preflight());
        for (MockHttpServletRequest request : requests) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(request, response, (req, res) -> {});
            assertThat(response.getStatus()).as(request.getRequestURI()).isEqualTo(200);
        }
        assertThat(send(filter, (request, response) -> {}).getStatus()).isEqualTo(503);
        release.countDown();
        holder.join();
    }

    private static MockHttpServletRequest preflight() {
        MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/api/v1/staffs/");
        request.addHeader("Origin", "https://backoffice.example.com");
        request.addHeader("Access-Control-Request-Method", "GET");
        return request;
    }

    @Test
    void zeroLanesLetEveryRequestThrough() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(0, Duration.ofMillis(50), PROBLEMS);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inChain = new AtomicInteger();
        List<Thread> requests = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(Thread.ofVirtual()
                    .start(() -> send(filter, (request, response) -> {
                        inChain.incrementAndGet();
                        waitingFor(release).doFilter(request, response);
                    })));
        }

        await(() -> inChain.get() == 3);
        release.countDown();
        joinAll(requests);
    }

    @Test
    void lanesDefaultToTwiceTheProcessorsAndZeroMeansNoLimit() {
        WebProperties defaults = new WebProperties(null, null, null);
        assertThat(defaults.maxConcurrentRequests())
                .isEqualTo(2 * Runtime.getRuntime().availableProcessors());
        assertThat(defaults.maxQueueWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(new WebProperties(null, 0, null).maxConcurrentRequests()).isZero();
        assertThatThrownBy(() -> new WebProperties(null, -1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebProperties(null, 4, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
