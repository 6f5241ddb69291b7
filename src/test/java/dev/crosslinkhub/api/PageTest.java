package dev.crosslinkhub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PageTest {

    private static Page parse(String limit, String offset) {
        return Page.parse(limit, offset, 500, 1000);
    }

    @Test
    void absentParametersAreTheDefaultPageFromTheStart() {
        assertEquals(new Page(500, 0), parse(null, null));
        assertEquals(new Page(10, 30), parse("10", "30"));
        assertEquals(new Page(0, 0), parse("0", "0"));
    }

    @Test
    void aLimitOverTheMaximumIsCutToIt() {
        assertEquals(new Page(1000, 0), parse("1000", null));
        assertEquals(new Page(1000, 0), parse("1001", null));
        assertEquals(new Page(1000, 0), parse("99999999999999999999999", null));
        assertEquals(new Page(500, Integer.MAX_VALUE - 500), parse(null, "99999999999999999999999"), "an offset past any list");
    }

    @Test
    void anythingButDigitsIsRefused() {
        // a 400 naming the field over HTTP (PagingIT); here, without a JAX-RS runtime, it just throws
        for (String bad : new String[] {"-1", "1.5", "1e3", "+5", " 5", "", "ten", "0x10"}) {
            assertThrows(RuntimeException.class, () -> parse(bad, null), "limit " + bad);
            assertThrows(RuntimeException.class, () -> parse(null, bad), "offset " + bad);
        }
    }

    @Test
    void aPageThatIsNotFullGivesTheTotalWithoutCounting() {
        AtomicInteger counts = new AtomicInteger();
        assertEquals(7, new Page(10, 0).total(7, () -> counts.incrementAndGet() * 1000L));
        assertEquals(27, new Page(10, 20).total(7, () -> counts.incrementAndGet() * 1000L));
        assertEquals(0, new Page(10, 0).total(0, () -> counts.incrementAndGet() * 1000L));
        assertEquals(0, counts.get());
    }

    @Test
    void aFullPageOrOnePastTheEndCounts() {
        assertEquals(42, new Page(10, 0).total(10, () -> 42));
        assertEquals(42, new Page(10, 50).total(0, () -> 42));
        assertEquals(42, new Page(0, 0).total(0, () -> 42));
    }
}
