package io.huddle.streaming.transport.websocket;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class QueryParametersTest {

    @Test
    void theFirstValueOfANameIsReturnedDecoded() {
        String query = "user=ann%20lee&client=web+app%2F2&user=bob";
        assertEquals("ann lee", QueryParameters.first(query, "user"));
        assertEquals("web app/2", QueryParameters.first(query, "client"));
    }

    @Test
    void anAbsentNameOrQueryIsNull() {
        assertNull(QueryParameters.first("user=ann", "access_token"));
        assertNull(QueryParameters.first(null, "user"));
        assertNull(QueryParameters.first("", "user"));
        assertNull(QueryParameters.first("username=ann", "user"), "a longer name is another name");
    }

    @Test
    void aNameWithoutValueIsEmpty() {
        assertEquals("", QueryParameters.first("user&client=x", "user"));
        assertEquals("", QueryParameters.first("client=x&user=", "user"));
    }

    @Test
    void aValueMayContainEqualsSigns() {
        assertEquals("a.b.c==", QueryParameters.first("access_token=a.b.c==", "access_token"));
    }

    @Test
    void aMalformedEscapeReadsAsAbsent() {
        assertNull(QueryParameters.first("user=%E0%A4%A", "user"));
        assertEquals("x", QueryParameters.first("a=%zz&b%zz=1&user=x", "user"), "another parameter's bad escape is skipped");
    }
}
