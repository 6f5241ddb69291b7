package dev.crosslinkhub.hub.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.hub.conformance.ProtocolModel.Kind;
import dev.crosslinkhub.hub.conformance.ProtocolModel.Verdict;
import dev.crosslinkhub.support.RawWebSocket;
import dev.crosslinkhub.support.RawWebSocket.Frame;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fuzzer's oracle against the RFC's own examples and rules, and the raw client's frame encoding (RFC 6455 §5.7). */
class ProtocolModelTest {

    private static Verdict verdict(Frame... frames) {
        ProtocolModel model = new ProtocolModel();
        Verdict last = Verdict.READ;
        for (Frame frame : frames) {
            last = model.accept(frame);
            if (last.ends()) {
                return last;
            }
        }
        return last;
    }

    @Test
    void framesEncodeAsTheRfcsExamples() {
        byte[] key = {0x37, (byte) 0xfa, 0x21, 0x3d};
        // §5.7: a single-frame masked text message "Hello"
        assertEquals("81 85 37 fa 21 3d 7f 9f 4d 51 58", hex(Frame.text("Hello").maskedWith(key).encode()));
        // §5.7: a fragmented unmasked "Hel" + "lo"
        assertEquals("01 03 48 65 6c", hex(Frame.text("Hel").notFinal().unmasked().encode()));
        assertEquals("80 02 6c 6f", hex(Frame.continuation("lo".getBytes()).unmasked().encode()));
        // §5.7: 256 bytes binary in a single unmasked frame: 16-bit length; 64 KiB: 64-bit length
        assertEquals("82 7e 01 00", hex(Frame.binary(new byte[256]).unmasked().encode()).substring(0, 11));
        assertEquals("82 7f 00 00 00 00 00 01 00 00", hex(Frame.binary(new byte[65536]).unmasked().encode()).substring(0, 29));
        assertEquals("81 7e 00 05", hex(Frame.text("Hello").unmasked().withLength(RawWebSocket.Length.SIXTEEN_BIT).encode())
                .substring(0, 11));
        assertEquals("f1 05", hex(Frame.text("Hello").unmasked().withRsv(7).encode()).substring(0, 5));
    }

    @Test
    void validSequencesAreRead() {
        assertEquals(Kind.READ, verdict(Frame.text("{}")).kind());
        assertEquals(Kind.READ, verdict(Frame.text("a").notFinal(), Frame.ping(new byte[125]), Frame.continuation(new byte[0])).kind());
        // € cut through by fragment boundaries is still valid UTF-8
        assertEquals(Kind.READ, verdict(Frame.of(1, new byte[] {(byte) 0xE2}).notFinal(), Frame.continuation(new byte[] {(byte) 0x82})
                .notFinal(), Frame.continuation(new byte[] {(byte) 0xAC})).kind());
        assertEquals(Kind.READ, verdict(Frame.binary(new byte[] {(byte) 0xFF})).kind(), "binary is no UTF-8");
        assertEquals(Kind.READ, verdict(Frame.text("x").maskedWith(new byte[4])).kind(), "a zero key is a mask");
    }

    @Test
    void violationsFailWithTheRfcsCode() {
        assertEquals(Verdict.fail(1002, "RSV bits without an extension"), verdict(Frame.text("{}").withRsv(4)));
        assertEquals(1002, verdict(Frame.of(0x3, new byte[0])).code());
        assertEquals(1002, verdict(Frame.of(0xB, new byte[0])).code());
        assertEquals(1002, verdict(Frame.text("{}").unmasked()).code());
        assertEquals(1002, verdict(Frame.ping(new byte[126])).code());
        assertEquals(1002, verdict(Frame.ping(new byte[1]).notFinal()).code());
        assertEquals(1002, verdict(Frame.continuation(new byte[1])).code());
        assertEquals(1002, verdict(Frame.text("a").notFinal(), Frame.binary(new byte[1])).code());
        assertEquals(1007, verdict(Frame.of(1, new byte[] {'a', (byte) 0xC0, (byte) 0xAF})).code());
        assertEquals(1007, verdict(Frame.of(1, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).code(), "a surrogate");
        assertEquals(1007, verdict(Frame.of(1, new byte[] {(byte) 0xE2}).notFinal(), Frame.continuation(new byte[0])).code(),
                "a message ending inside a character");
        assertEquals(1002, verdict(Frame.of(RawWebSocket.CLOSE, new byte[1])).code());
        assertEquals(1002, verdict(Frame.close(1005, new byte[0])).code());
        assertEquals(1002, verdict(Frame.close(999, new byte[0])).code());
        assertEquals(1007, verdict(Frame.close(1000, new byte[] {(byte) 0xFF})).code());
    }

    @Test
    void aServersKnownDeviationOnUnmaskedFramesIsItsOwn() {
        ProtocolModel undertow = new ProtocolModel(ProtocolModel.Unmasked.CONTROL_READ);
        assertEquals(Kind.READ, undertow.accept(Frame.ping(new byte[1]).unmasked()).kind());
        assertEquals(1002, undertow.accept(Frame.text("{}").unmasked()).code());
        ProtocolModel tyrus = new ProtocolModel(ProtocolModel.Unmasked.ALL_READ);
        assertEquals(Kind.READ, tyrus.accept(Frame.text("{}").unmasked()).kind());
        assertEquals(1002, tyrus.accept(Frame.text("{}").unmasked().withRsv(1)).code(), "the other rules still hold");
    }

    @Test
    void aValidCloseIsAClose() {
        assertEquals(new Verdict(Kind.CLOSE, 4000, "close"), verdict(Frame.close(4000, "bye".getBytes())));
        assertEquals(Kind.CLOSE, verdict(Frame.of(RawWebSocket.CLOSE, new byte[0])).kind());
    }

    @Test
    void theGeneratorsValidUnitsAreValidAndItsBrokenOnesMostlyBroken() {
        FrameGenerator frames = new FrameGenerator(new Random(1));
        ProtocolModel model = new ProtocolModel();
        for (int i = 0; i < 2_000; i++) {
            for (Frame frame : frames.validUnit()) {
                assertFalse(model.accept(frame).ends(), "unit " + i);
            }
            assertFalse(model.messageOpen());
        }
        int broken = 0;
        for (int i = 0; i < 500; i++) {
            ProtocolModel fresh = new ProtocolModel();
            broken += frames.brokenUnit().stream().anyMatch(frame -> fresh.accept(frame).ends()) ? 1 : 0;
        }
        assertTrue(broken > 450, broken + " of 500 broken units are broken");
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(out.length() == 0 ? "" : " ").append(String.format("%02x", b & 0xFF));
        }
        return out.toString();
    }
}
