package dev.modelkeeper.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TransferRateTest {

    private final ResourceBundle texts = ResourceBundle.getBundle("dev.modelkeeper.ui.messages", Locale.ENGLISH);
    private final AtomicLong now = new AtomicLong();
    private final TransferRate rate = new TransferRate(texts, now::get);

    @Test
    void aLongWaitIsShownInHoursAndMinutesNeverAsMoreThan59Minutes() {
        now.set(10_000_000_000L); // 10 s for 1 MB: 100 kB/s
        assertEquals("1.0 MB of 746.8 MB · 100.0 kB/s · 2 h 4 min left", rate.describe(1_000_000, 746_800_000));
        assertEquals("1.0 MB of 31.0 MB · 100.0 kB/s · 5 min left", rate.describe(1_000_000, 31_000_000));
        assertEquals("1.0 MB of 1.5 MB · 100.0 kB/s · 5 s left", rate.describe(1_000_000, 1_500_000));
    }

    @Test
    void anUnknownTotalIsLeftOut() {
        now.set(10_000_000_000L);
        assertEquals("1.0 MB · 100.0 kB/s", rate.describe(1_000_000, -1));
    }

    @Test
    void bytesThatWereAlreadyThereWhenAResumeStartedAreNotSpeed() {
        var resumed = new TransferRate(texts, now::get, 67_000_000);
        now.set(10_000_000_000L); // 10 s for 1 MB more: 100 kB/s, not 6.8 MB/s
        assertEquals("68.0 MB of 200.0 MB · 100.0 kB/s · 22 min left", resumed.describe(68_000_000, 200_000_000));
    }
}
