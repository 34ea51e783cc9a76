package io.dropnight.learn.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --viewer}: the keys each format can have, what each is and costs, and a key the format cannot have in one line. */
class ViewerKeyTest {
    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"address, combined", "address+agent, combined", "user, combined", "extra:1, combined", "extra:12, combined",
        "field:viewer, jsonl", "field:@device.id, jsonl", "address, jsonl", "address+agent, jsonl"})
    void aKeyIsSpeltBackAsGiven(String flag, String format) {
        ViewerKey key = ViewerKey.parse(flag, LogFormat.of(format).orElseThrow());
        assertEquals(flag, key.flag());
        assertTrue(key.cost().length() > 40, key.cost());
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource(delimiter = '|', value = {
        "user|jsonl|--viewer user: is for the combined format, and the log is read as jsonl",
        "extra:2|jsonl|--viewer extra:2: is for the combined format, and the log is read as jsonl",
        "field:sid|combined|--viewer field:sid: is for the jsonl format, and the log is read as combined",
        "cookie|combined|--viewer cookie: must be address, address+agent, user, extra:N (combined) or field:NAME (jsonl)",
        "extra:0|combined|--viewer extra:0: must be address, address+agent, user, extra:N (combined) or field:NAME (jsonl)"})
    void aKeyTheFormatCannotHaveIsOneLine(String flag, String format, String message) {
        assertEquals(message, assertThrows(LogFileException.class, () -> ViewerKey.parse(flag, LogFormat.of(format).orElseThrow()))
                .getMessage());
    }

    @Test
    void theAddressSaysWhatItCosts() {
        assertTrue(ViewerKey.defaultFor(LogFormat.COMBINED).cost().startsWith("NAT and proxies merge viewers"));
        assertEquals("field:viewer", ViewerKey.defaultFor(LogFormat.JSON_LINES).flag());
    }
}
