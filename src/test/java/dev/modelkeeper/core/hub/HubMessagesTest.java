package dev.modelkeeper.core.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A Hub failure is a key and arguments, rendered in the language of whoever shows it: the window's language
 * (Simplified Chinese here), not the system's (before, the message was fixed in the system language when the
 * failure happened).
 */
class HubMessagesTest {

    @Test
    void aRefusedAnswerRendersInTheLanguageAsked() {
        var e = HubException.invalid("org/name@main", "hub.invalid.commit", "../../x");

        String en = e.message(Locale.ENGLISH);
        String zh = e.message(Locale.SIMPLIFIED_CHINESE);

        assertTrue(en.startsWith("The server's answer for org/name@main was refused: \"../../x\" is not a commit id"), en);
        assertTrue(zh.startsWith("服务器对 org/name@main 的响应被拒绝：“../../x”不是提交 ID"), zh);
    }

    @Test
    void aNoteAddedToARefusalIsRenderedWithIt() {
        var base = new HubException(HubException.Kind.GATED, 401, 0, "https://hf-mirror.com/org/name", null);

        var withNote = base.tokenWithheld("hf-mirror.com");

        assertEquals(base.message(Locale.ENGLISH) + " " + new dev.modelkeeper.core.task.Message(
                "dev.modelkeeper.core.hub.messages", "hub.tokenWithheld", "hf-mirror.com").render(Locale.ENGLISH),
                withNote.message(Locale.ENGLISH));
        assertTrue(withNote.message(Locale.SIMPLIFIED_CHINESE).contains("hf-mirror.com"));
    }

    @Test
    void englishAskedOnAChineseSystemIsEnglish() {
        Locale system = Locale.getDefault();
        try {
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            var e = HubException.invalid("org/name@main", "hub.invalid.commit", "x");
            assertTrue(e.message(Locale.ENGLISH).startsWith("The server's answer"), e.message(Locale.ENGLISH));
        } finally {
            Locale.setDefault(system);
        }
    }
}
