package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.DemoBrowsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.file.Path;

import static io.huddle.streaming.it.support.DemoBrowsers.createRoom;
import static io.huddle.streaming.it.support.DemoBrowsers.joinById;
import static io.huddle.streaming.it.support.DemoBrowsers.message;
import static io.huddle.streaming.it.support.DemoBrowsers.send;
import static io.huddle.streaming.it.support.DemoBrowsers.waitFor;
import static io.huddle.streaming.it.support.DemoBrowsers.waitForMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The demo page's chat features in real headless Chromium browsers: a direct conversation opened from the member
 * list, a reaction the other user sees, an unread badge that clears in a second tab of the same user, and a
 * moderator's pin and lock.
 */
class DemoChatFeaturesIT extends BrowserTest {

    @Test
    void clickingAMemberOpensADirectConversationThatTheOtherUserSeesWithAnUnreadBadge() {
        TwoInARoom two = twoInARoom("Lobby");
        WebDriver alice = two.alice();
        WebDriver bob = two.bob();
        waitFor(alice).until(ExpectedConditions.presenceOfElementLocated(memberButton(two.bobName(), "message-user"))).click();
        waitFor(alice).until(ExpectedConditions.textToBe(By.id("room-title"), "@" + two.bobName()));

        send(alice, "just between us");

        By conversation = By.cssSelector("#dm-list li[data-user='" + two.aliceName() + "']");
        waitFor(bob).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#dm-list li[data-user='" + two.aliceName() + "'] .badge"), "1"));
        bob.findElement(conversation).findElement(By.cssSelector(".open-room")).click();
        waitFor(bob).until(ExpectedConditions.textToBe(By.id("room-title"), "@" + two.aliceName()));
        waitForMessage(bob, "just between us");
        waitFor(bob).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#dm-list .badge")));
        send(bob, "agreed");
        waitForMessage(alice, "agreed");
    }

    @Test
    void aReactionIsSeenByTheOtherUserAndGoesWhenTakenBack() {
        TwoInARoom two = twoInARoom("Reactions");
        WebDriver alice = two.alice();
        WebDriver bob = two.bob();
        send(alice, "ship it?");
        waitForMessage(bob, "ship it?");

        message(bob, "ship it?").findElement(By.cssSelector(".add-reaction")).click();
        message(bob, "ship it?").findElement(By.cssSelector(".pick[data-reaction='👍']")).click();

        By chip = By.cssSelector("#messages .reaction[data-reaction='👍']");
        waitFor(alice).until(ExpectedConditions.textToBe(chip, "👍 1"));
        waitFor(bob).until(ExpectedConditions.attributeContains(chip, "class", "mine"));
        assertEquals("reaction", alice.findElement(chip).getAttribute("class"), "alice did not react herself");

        bob.findElement(chip).click();
        waitFor(alice).until(ExpectedConditions.invisibilityOfElementLocated(chip));
    }

    @Test
    void anUnreadBadgeClearsInASecondTabWhenTheFirstTabReadsTheRoom() {
        String aliceName = Api.user("alice");
        String bobName = Api.user("bob");
        WebDriver firstTab = browsers.loggedIn(aliceName);
        WebDriver bob = browsers.loggedIn(bobName);
        String busyRoom = "Busy " + bobName;
        String busyId = createRoom(bob, busyRoom);
        joinById(firstTab, busyId, busyRoom);
        createRoom(firstTab, "Quiet " + aliceName);
        WebDriver secondTab = browsers.loggedIn(aliceName);

        send(bob, "news for alice");

        By badge = By.cssSelector("#room-list li[data-room='" + busyId + "'] .badge");
        waitFor(firstTab).until(ExpectedConditions.textToBe(badge, "1"));
        waitFor(secondTab).until(ExpectedConditions.textToBe(badge, "1"));
        firstTab.findElement(By.cssSelector("#room-list li[data-room='" + busyId + "'] .open-room")).click();
        waitForMessage(firstTab, "news for alice");
        waitFor(secondTab).until(ExpectedConditions.invisibilityOfElementLocated(badge));
    }

    @Test
    void aModeratorPinsAMessageAndLocksTheRoomWhichAMemberSeesAndCannotPostIn() throws IOException {
        TwoInARoom two = twoInARoom("Rules");
        WebDriver alice = two.alice();
        WebDriver bob = two.bob();
        send(alice, "read the rules");
        waitForMessage(bob, "read the rules");
        assertEquals(0, bob.findElements(By.cssSelector("#mode-form:not([hidden])")).size(), "a member has no mode controls");

        message(alice, "read the rules").findElement(By.cssSelector(".pin-message")).click();
        waitFor(bob).until(ExpectedConditions.textToBe(By.cssSelector("#pins .pin-text"), "read the rules"));

        new Select(alice.findElement(By.id("slow-mode"))).selectByValue("10000");
        alice.findElement(By.id("locked")).click();
        alice.findElement(By.id("apply-mode")).click();
        waitFor(bob).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-mode"), "locked"));
        waitFor(bob).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-mode"), "one message per 10 s"));

        bob.findElement(By.id("composer")).sendKeys("may I?");
        bob.findElement(By.id("send")).click();
        waitFor(bob).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "locked"));
        send(alice, "moderators still may");
        waitForMessage(bob, "moderators still may");
        DemoBrowsers.screenshot(alice, Path.of("target", "demo-chat-features.png"));
    }

    /** Two users, each in a browser of their own, both in a room alice created through the page. */
    private record TwoInARoom(String aliceName, WebDriver alice, String bobName, WebDriver bob) {
    }

    private TwoInARoom twoInARoom(String roomPrefix) {
        String aliceName = Api.user("alice");
        String bobName = Api.user("bob");
        WebDriver alice = browsers.loggedIn(aliceName);
        WebDriver bob = browsers.loggedIn(bobName);
        String roomName = roomPrefix + " " + aliceName;
        joinById(bob, createRoom(alice, roomName), roomName);
        return new TwoInARoom(aliceName, alice, bobName, bob);
    }

    private static By memberButton(String user, String buttonClass) {
        return By.cssSelector("#members li[data-user='" + user + "'] ." + buttonClass);
    }
}
