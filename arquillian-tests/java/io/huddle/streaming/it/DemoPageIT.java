package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.DemoBrowsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.nio.file.Path;

import static io.huddle.streaming.it.support.DemoBrowsers.createRoom;
import static io.huddle.streaming.it.support.DemoBrowsers.joinById;
import static io.huddle.streaming.it.support.DemoBrowsers.send;
import static io.huddle.streaming.it.support.DemoBrowsers.waitFor;
import static io.huddle.streaming.it.support.DemoBrowsers.waitForMessage;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo chat page in two real headless Chromium browsers: two users chat, see each other typing and online, one
 * reloads and misses nothing; text stays text. Writes a screenshot to {@code target/demo-page.png}.
 */
class DemoPageIT extends BrowserTest {

    @Test
    void twoUsersChatSeeTypingAndPresenceAndAReloadMissesNothing() throws IOException {
        String aliceName = Api.user("alice");
        String bobName = Api.user("bob");
        WebDriver alice = browsers.loggedIn(aliceName);
        WebDriver bob = browsers.loggedIn(bobName);

        String roomName = "Demo " + aliceName;
        joinById(bob, createRoom(alice, roomName), roomName);

        send(alice, "hello from alice");
        waitForMessage(bob, "hello from alice");

        bob.findElement(By.id("composer")).sendKeys("bob is thinking");
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("typing"), bobName + " is typing"));
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#members li[data-user='" + bobName + "'] .member-status"), "online"));

        bob.navigate().refresh();
        send(alice, "sent while bob reloaded");
        waitFor(bob).until(ExpectedConditions.textToBe(By.id("room-title"), roomName));
        waitForMessage(bob, "hello from alice");
        waitForMessage(bob, "sent while bob reloaded");
        send(bob, "back again");
        waitForMessage(alice, "back again");

        DemoBrowsers.screenshot(alice, Path.of("target", "demo-page.png"));
    }

    @Test
    void browserOnServerSentEventsChatsWithOneOnWebSocket() {
        String aliceName = Api.user("alice");
        String carolName = Api.user("carol");
        WebDriver alice = browsers.loggedIn(aliceName);
        WebDriver carol = browsers.loggedIn(carolName, "?transport=sse");
        waitFor(carol).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "(sse)"));

        String roomName = "Mixed " + aliceName;
        joinById(carol, createRoom(alice, roomName), roomName);

        send(alice, "to the sse browser");
        waitForMessage(carol, "to the sse browser");
        send(carol, "from the sse browser");
        waitForMessage(alice, "from the sse browser");
    }

    @Test
    void messageTextIsShownAsTextNeverAsHtml() {
        String aliceName = Api.user("alice");
        WebDriver alice = browsers.loggedIn(aliceName);
        createRoom(alice, "Escapes " + aliceName);
        String hostile = "<img src=x onerror=\"document.title='owned'\"><b>bold</b>";
        send(alice, hostile);
        waitForMessage(alice, hostile);
        assertTrue(alice.findElements(By.cssSelector("#messages img, #messages b")).isEmpty());
        assertTrue(!"owned".equals(alice.getTitle()));
    }

    @Test
    void theConsoleOffersAChannelOfTheBundledNamespaceThatWorksWithoutDefiningIt() {
        WebDriver console = browsers.open();
        console.get(base.toString() + "console.html");
        WebElement user = console.findElement(By.id("user"));
        user.clear();
        user.sendKeys(Api.user("console"));
        console.findElement(By.id("connect-button")).click();
        waitFor(console).until(ExpectedConditions.textToBe(By.id("status"), "connected"));
        for (String example : new String[]{"subscribe to channel demo.lobby", "publish on it"}) {
            console.findElement(By.xpath("//nav[@id='examples']/button[text()='" + example + "']")).click();
            console.findElement(By.id("send-button")).click();
        }
        waitFor(console).until(driver -> driver.findElements(By.cssSelector("#log li.in")).stream()
                .anyMatch(e -> e.getText().contains("\"type\":\"message\"") && e.getText().contains("demo.lobby")
                        && e.getText().contains("hi all")));
        assertTrue(console.findElements(By.cssSelector("#log li.in")).stream()
                .noneMatch(e -> e.getText().contains("\"type\":\"error\"")), "no example frame was refused");
    }
}
