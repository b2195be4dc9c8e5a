package io.huddle.streaming.config;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelNamespacesTest {

    @Test
    void entriesNameAPrefixAndWhetherClientsPublish() {
        List<String> problems = new ArrayList<>();
        ChannelNamespaces namespaces = ChannelNamespaces.parse(List.of("chat.", " news.=subscribe ", "open:=publish"), problems);
        assertEquals(List.of(), problems);
        assertTrue(namespaces.of("chat.lobby").orElseThrow().clientPublish());
        assertFalse(namespaces.of("news.sports").orElseThrow().clientPublish());
        assertTrue(namespaces.of("open:x").orElseThrow().clientPublish());
        assertTrue(namespaces.of("other").isEmpty());
    }

    @Test
    void theLongestMatchingPrefixDecides() {
        List<String> problems = new ArrayList<>();
        ChannelNamespaces namespaces = ChannelNamespaces.parse(List.of("news.", "news.live.=subscribe"), problems);
        assertFalse(namespaces.of("news.live.match").orElseThrow().clientPublish());
        assertTrue(namespaces.of("news.weekly").orElseThrow().clientPublish());
    }

    @Test
    void badEntriesAreReportedByName() {
        List<String> problems = new ArrayList<>();
        ChannelNamespaces.parse(List.of("Chat.", "news.=sometimes", "$x"), problems);
        assertEquals(3, problems.size(), problems::toString);
        assertTrue(problems.get(1).contains("news.=sometimes"), problems::toString);
        assertTrue(problems.stream().allMatch(p -> p.startsWith("streaming.channels.namespaces")), problems::toString);
    }
}
