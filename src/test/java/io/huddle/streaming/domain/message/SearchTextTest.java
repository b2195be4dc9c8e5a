package io.huddle.streaming.domain.message;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SearchTextTest {

    @Test
    void onlyTheWordsOfStringValuesAreSearchable() {
        assertEquals(Optional.of(" hello world "), SearchText.of("{\"text\":\"Hello, world!\",\"n\":42,\"ok\":true}"));
        assertEquals(Optional.of(" café tokyo 東京 "), SearchText.of("{\"place\":{\"name\":\"Café\",\"city\":[\"Tokyo\",\"東京\"]}}"));
        assertEquals(Optional.empty(), SearchText.of("{\"text\":\"\",\"n\":1}"));
        assertEquals(Optional.of(" plain "), SearchText.of("\"plain\""));
    }

    @Test
    void aWordIsKeptOnce() {
        assertEquals(Optional.of(" la "), SearchText.of("{\"a\":\"la la\",\"b\":\"LA\"}"));
    }

    @Test
    void queriesSplitIntoTheSameWords() {
        assertEquals(List.of("beta", "again"), SearchText.words("  BETA, again! beta "));
        assertEquals(List.of(), SearchText.words("%_!"));
    }
}
