package com.staffkit.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.staffkit.common.error.ProblemResponseWriter;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/** The lanes of {@link BulkheadFilter}, with handlers that hold them as long as a test needs. */
class BulkheadFilterTests {

    private static final ProblemResponseWriter PROBLEMS =
            new ProblemResponseWriter(JsonMapper.builder().build());

    private static BulkheadFilter filter(int lanes, Duration maxWait) {
        BulkheadConfig config = BulkheadConfig.custom()
                .maxConcurrentCalls(lanes)
                .maxWaitDuration(maxWait)
                .fairCallHandlingStrategyEnabled(true)
                .build();
        return new BulkheadFilter(Bulkhead.of("test", config), PROBLEMS, request -> false);
    }

    private static MockHttpServletResponse send(BulkheadFilter filter, FilterChain chain) {
        return send(filter, new MockHttpServletRequest("GET", "/api/v1/staffs/"), chain);
    }

    private static MockHttpServletResponse send(
            BulkheadFilter filter, MockHttpServletRequest request, FilterChain chain) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            filter.doFilter(request, response, chain);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return response;
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

    private static int working(BulkheadFilter filter) {
        Bulkhead.Metrics metrics = filter.bulkhead().getMetrics();
        return metrics.getMaxAllowedConcurrentCalls() - metrics.getAvailableConcurrentCalls();
    }

    /** Starts a request on a thread of its own; a waiting one is parked in the bulkhead. */
    private static Thread start(Runnable request) {
        return Thread.ofPlatform().start(request);
    }

    private static void awaitWaiting(Thread request) {
        await().until(() -> request.getState() == Thread.State.TIMED_WAITING);
    }

    private static void joinAll(List<Thread> requests) throws InterruptedException {
        for (Thread request : requests) {
            request.join();
        }
    }

    private static Thread holdALane(BulkheadFilter filter, CountDownLatch release) {
        int before = working(filter);
        Thread holder = start(() -> send(filter, waitingFor(release)));
        await().until(() -> working(filter) == before + 1);
        return holder;
    }

    @Test
    void noMoreRequestsThanLanesWorkAtOnceAndTheRestFollow() throws Exception {
        BulkheadFilter filter = filter(2, Duration.ofSeconds(10));
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
            requests.add(start(() -> responses.add(send(filter, chain))));
        }

        await().until(() -> inChain.get() == 2
                && requests.stream()
                                .filter(t -> t.getState() == Thread.State.TIMED_WAITING)
                                .count()
                        == 4);
        release.countDown();
        joinAll(requests);

        assertThat(mostAtOnce).hasValue(2);
        assertThat(responses)
                .hasSize(6)
                .allSatisfy(response -> assertThat(response.getStatus()).isEqualTo(200));
        assertThat(working(filter)).isZero();
    }

    @Test
    void waitingRequestsAreServedInArrivalOrder() throws Exception {
        BulkheadFilter filter = filter(1, Duration.ofSeconds(10));
        CountDownLatch release = new CountDownLatch(1);
        List<String> served = new CopyOnWriteArrayList<>();
        Thread first = holdALane(filter, release);
        List<Thread> queued = new CopyOnWriteArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String name = "request " + i;
            Thread request = start(() -> send(filter, (req, res) -> served.add(name)));
            awaitWaiting(request);
            queued.add(request);
        }

        release.countDown();
        first.join();
        joinAll(queued);

        assertThat(served).containsExactly("request 1", "request 2", "request 3", "request 4", "request 5");
    }

    @Test
    void aRequestThatWaitsTooLongGets503ProblemWithRetryAfterAndNeverRuns() throws Exception {
        BulkheadFilter filter = filter(1, Duration.ofMillis(50));
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
        assertThat(working(filter)).isZero();
    }

    /** The body is written after beforeBodyWrite; a client reading it slowly keeps the writer here. */
    @Test
    void aClientReadingItsResponseSlowlyDoesNotHoldALane() throws Exception {
        BulkheadFilter filter = filter(1, Duration.ofSeconds(10));
        CountDownLatch clientReads = new CountDownLatch(1);
        FilterChain handlerThenSlowWrite = (request, response) -> {
            beforeBodyWrite((HttpServletRequest) request);
            waitingFor(clientReads).doFilter(request, response);
        };
        Thread slow = start(() -> send(filter, handlerThenSlowWrite));
        await().until(() -> slow.getState() == Thread.State.WAITING);

        assertThat(working(filter)).isZero();
        assertThat(send(filter, (request, response) -> {}).getStatus()).isEqualTo(200);
        clientReads.countDown();
        slow.join();
        // Given back once, not again when the request left the filter.
        assertThat(filter.bulkhead().getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
    }

    private static void beforeBodyWrite(HttpServletRequest request) {
        new LaneReleaseAdvice()
                .beforeBodyWrite(
                        "body",
                        null,
                        MediaType.APPLICATION_JSON,
                        null,
                        new ServletServerHttpRequest(request),
                        new ServletServerHttpResponse(new MockHttpServletResponse()));
    }

    @Test
    void aLaneComesBackOnceWhenTheRequestFails() {
        BulkheadFilter filter = filter(1, Duration.ofMillis(50));
        FilterChain failing = (request, response) -> {
            throw new IllegalStateException("handler failed");
        };

        assertThatThrownBy(() -> send(filter, failing)).hasRootCauseMessage("handler failed");

        assertThat(filter.bulkhead().getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
        assertThat(send(filter, (request, response) -> {}).getStatus()).isEqualTo(200);
    }

    @Test
    void healthProbesDocsAndPreflightsNeverQueue() throws Exception {
        BulkheadFilter filter = filter(1, Duration.ofMillis(50));
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = holdALane(filter, release);

        MockHttpServletRequest preflight = new MockHttpServletRequest("OPTIONS", "/api/v1/staffs/");
        preflight.addHeader("Origin", "https://backoffice.example.com");
        preflight.addHeader("Access-Control-Request-Method", "GET");
        List<MockHttpServletRequest> requests = List.of(
                new MockHttpServletRequest("GET", "/actuator/health/readiness"),
                new MockHttpServletRequest("GET", "/actuator/prometheus"),
                new MockHttpServletRequest("GET", "/v3/api-docs"),
                new MockHttpServletRequest("GET", "/swagger-ui/index.html"),
                preflight);
        for (MockHttpServletRequest request : requests) {
            assertThat(send(filter, request, (req, res) -> {}).getStatus())
                    .as(request.getRequestURI())
                    .isEqualTo(200);
        }
        assertThat(send(filter, (request, response) -> {}).getStatus()).isEqualTo(503);
        release.countDown();
        holder.join();
    }

    @Test
    void zeroLanesLetEveryRequestThrough() throws Exception {
        BulkheadFilter filter = filter(0, Duration.ofMillis(50));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inChain = new AtomicInteger();
        List<Thread> requests = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(start(() -> send(filter, (request, response) -> {
                inChain.incrementAndGet();
                waitingFor(release).doFilter(request, response);
            })));
        }

        await().until(() -> inChain.get() == 3);
        release.countDown();
        joinAll(requests);
    }

    @Test
    void aRequestWaitingAwayFromItsLaneLetsAnotherWorkAndTakesALaneAgainAfterwards() throws Exception {
        BulkheadFilter filter = filter(1, Duration.ofSeconds(5));
        CountDownLatch away = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger workingAfterwards = new AtomicInteger(-1);
        Thread waiting = start(() -> send(filter, (request, response) -> {
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes((HttpServletRequest) request));
            try {
                BulkheadFilter.awayFromLane(() -> {
                    away.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                });
                workingAfterwards.set(working(filter));
            } finally {
                RequestContextHolder.resetRequestAttributes();
            }
        }));
        away.await();
        assertThat(working(filter)).isZero();

        MockHttpServletResponse other =
                send(filter, (request, response) -> ((MockHttpServletResponse) response).setStatus(204));
        assertThat(other.getStatus()).isEqualTo(204);

        release.countDown();
        waiting.join();
        assertThat(workingAfterwards.get()).as("the lane taken again").isEqualTo(1);
        assertThat(working(filter)).isZero();
    }

    @Test
    void lanesDefaultToTwiceTheProcessorsAndZeroMeansNoLimit() {
        WebProperties defaults = new WebProperties(null, null, null, null, null);
        assertThat(defaults.maxConcurrentRequests())
                .isEqualTo(2 * Runtime.getRuntime().availableProcessors());
        assertThat(defaults.maxQueueWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(new WebProperties(null, null, null, 0, null).maxConcurrentRequests())
                .isZero();
        assertThatThrownBy(() -> new WebProperties(null, null, null, -1, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebProperties(null, null, null, 4, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
