package dev.modelkeeper.core.download;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BandwidthLimitTest {

    @Test
    void transfersRunningAheadOfTheCapAreHeldBackByExactlyTheExcess() throws Exception {
        var now = new AtomicLong();
        var slept = new ArrayList<Duration>();
        var limit = new BandwidthLimit(1_000_000, now::get, d -> {
            slept.add(d);
            now.addAndGet(d.toNanos());
        });

        limit.took(500_000);              // 0.5 s worth, at t = 0
        now.addAndGet(200_000_000);       // 0.2 s pass
        limit.took(500_000);              // 1.0 s worth at t = 0.5 s (after the first wait)
        now.addAndGet(2_000_000_000L);    // idle for 2 s: only 1 s of unused allowance is kept
        limit.took(1_000_000);            // uses that second: no wait
        limit.took(1_000_000);            // beyond it: waits a full second

        assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(300), Duration.ofMillis(1000)), slept);
    }

    @Test
    void noLimitNeverWaits() throws Exception {
        var slept = new ArrayList<Duration>();
        var limit = new BandwidthLimit(0, () -> 0, slept::add);
        limit.took(1_000_000_000);
        assertEquals(List.of(), slept);
    }
}
