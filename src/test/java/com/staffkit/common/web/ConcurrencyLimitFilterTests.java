package com.staffkit.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.common.error.ProblemResponseWriter;
import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class ConcurrencyLimitFilterTests {

    private static final ProblemResponseWriter PROBLEMS =
            new ProblemResponseWriter(JsonMapper.builder().build());

    private static MockHttpServletResponse send(ConcurrencyLimitFilter filter, FilterChain chain) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/staffs/"), response, chain);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    @Test
    void noMoreRequestsThanLanesWorkAtOnceAndTheRestFollow() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(2, Duration.ofSeconds(10), PROBLEMS);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inChain = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        FilterChain chain = (request, response) -> {
            mostAtOnce.accumulateAndGet(inChain.incrementAndGet(), Math::max);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
        for (Thread request : requests) {
            request.join();
        }

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
        FilterChain holder = (request, response) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread first = Thread.ofVirtual().start(() -> send(filter, holder));
        await(() -> filter.working() == 1);
        List<Thread> queued = new CopyOnWriteArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String name = "request " + i;
            queued.add(Thread.ofVirtual().start(() -> send(filter, (request, response) -> served.add(name))));
            int waiting = i;
            await(() -> filter.waiting() == waiting);
        }

        release.countDown();
        first.join();
        for (Thread request : queued) {
            request.join();
        }

        assertThat(served).containsExactly("request 1", "request 2", "request 3", "request 4", "request 5");
    }

    @Test
    void aRequestThatWaitsTooLongGets503WithRetryAfterAndNeverRuns() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1, Duration.ofMillis(50), PROBLEMS);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofVirtual()
                .start(() -> send(filter, (request, response) -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        await(() -> filter.working() == 1);
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
    void lanesDefaultToTwiceTheProcessorsAndZeroMeansNoLimit() {
        WebProperties defaults = new WebProperties(null, null, null);
        assertThat(defaults.maxConcurrentRequests())
                .isEqualTo(2 * Runtime.getRuntime().availableProcessors());
        assertThat(defaults.maxQueueWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(new WebProperties(null, 0, null).maxConcurrentRequests()).isZero();
    }
}
