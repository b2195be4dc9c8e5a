package io.huddle.streaming.it;

import io.huddle.streaming.it.support.DemoBrowsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the demo page's browser tests share: the deployed WAR, and real headless Chromium browsers on it, closed
 * after each test (skipped where Chromium is missing, failing under {@code CI=true}).
 */
abstract class BrowserTest extends WireTest {

    DemoBrowsers browsers;

    @BeforeEach
    void openBrowsers() {
        DemoBrowsers.requireChromium();
        browsers = new DemoBrowsers(base);
    }

    @AfterEach
    void closeBrowsers() {
        if (browsers != null) {
            browsers.close();
        }
    }
}
