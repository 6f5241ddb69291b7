package dev.crosslinkhub.console;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The console as a test sees it. Reads go through one small script each, so that rows the
 * console re-renders between two WebDriver calls never make a read fail half-way.
 */
final class ConsolePage {

    static final Duration SOON = Duration.ofSeconds(20);

    private final Browser browser;
    private final URI url;

    ConsolePage(Browser browser, URI url) {
        this.browser = browser;
        this.url = url;
    }

    URI url() {
        return url;
    }

    void open() {
        browser.driver().get(url.toString());
    }

    void open(String query) {
        browser.driver().get(url + "?" + query);
    }

    void reload() {
        browser.driver().navigate().refresh();
    }

    String currentUrl() {
        return browser.driver().getCurrentUrl();
    }

    // ---- token

    boolean tokenDialogOpen() {
        return Boolean.TRUE.equals(browser.script("return document.getElementById('token-dialog').open"));
    }

    void submitToken(String token) {
        WebElement input = browser.driver().findElement(By.id("token-input"));
        input.clear();
        input.sendKeys(token, Keys.ENTER); // the keyboard path: Enter submits the form
    }

    String tokenError() {
        return text("#token-error");
    }

    String storedToken() {
        return (String) browser.script("return sessionStorage.getItem('crosslink-hub.token')");
    }

    // ---- connection

    String connectionState() {
        return attribute("#connection", "data-state");
    }

    String connectionText() {
        return text("#connection-state") + " " + text("#connection-detail");
    }

    void awaitConnection(String state, Duration timeout) {
        await("connection " + state + " (is " + connectionState() + ": " + connectionText() + ")", timeout,
                () -> state.equals(connectionState()));
    }

    String freshness(String panel) {
        return attribute("[data-panel='" + panel + "']", "data-freshness");
    }

    String freshnessLabel(String panel) {
        return text("[data-panel='" + panel + "'] [data-freshness-label]");
    }

    boolean boardLive() {
        return List.of("agents", "locks", "issues", "orchestration").stream().allMatch(p -> "live".equals(freshness(p)));
    }

    // ---- panels

    String agentStatus(String agent) {
        return text("#agents-rows tr[data-agent-id='" + agent + "'] .badge");
    }

    String agentRow(String agent) {
        return text("#agents-rows tr[data-agent-id='" + agent + "']");
    }

    String lockRow(long issue) {
        return text("#locks-rows tr[data-lock-issue='" + issue + "']");
    }

    String lockAttribute(long issue, String name) {
        return attribute("#locks-rows tr[data-lock-issue='" + issue + "']", name);
    }

    String issueRow(long issue) {
        return text("#issues-rows tr[data-issue-id='" + issue + "']");
    }

    String issueAttribute(long issue, String name) {
        return attribute("#issues-rows tr[data-issue-id='" + issue + "']", name);
    }

    String firstIssueId() {
        return attribute("#issues-rows tr", "data-issue-id");
    }

    /** Whether the cell for the issue's status carries the "just changed" highlight. */
    boolean issueStatusFlashing(long issue) {
        return Boolean.TRUE.equals(browser.script(
                "const row = document.querySelector(`#issues-rows tr[data-issue-id='${arguments[0]}']`);"
                        + "return !!row && row.children[2].classList.contains('cell-flash');", issue));
    }

    String planId() {
        return attribute("#orchestration-body .plan-head", "data-plan-id");
    }

    String planState() {
        return attribute("#orchestration-body .plan-head", "data-state");
    }

    String planProgress() {
        return attribute("#orchestration-body .plan-progress", "aria-valuenow");
    }

    String stageStatus(String stageId) {
        return attribute("#orchestration-body li[data-stage-id='" + stageId + "']", "data-status");
    }

    String stageRow(String stageId) {
        return text("#orchestration-body li[data-stage-id='" + stageId + "']");
    }

    String stageBar(String stageId) {
        return attribute("#orchestration-body li[data-stage-id='" + stageId + "'] .stage-bar", "aria-valuenow");
    }

    // ---- event log

    /** The log's rows as "type|seq|detail" lines, newest first. */
    @SuppressWarnings("unchecked")
    List<String> logRows() {
        return (List<String>) browser.script("return [...document.querySelectorAll('#log-rows tr')].map(row =>"
                + " row.dataset.type + '|' + (row.dataset.seq ?? '') + '|' + row.children[3].textContent)");
    }

    boolean logShows(String type, String detailFragment) {
        return logRows().stream().anyMatch(row -> row.startsWith(type + "|") && row.contains(detailFragment));
    }

    long logRowsOfChannel(String channel) {
        return ((Number) browser.script("return document.querySelectorAll(`#log-rows tr[data-channel='${arguments[0]}']`).length",
                channel)).longValue();
    }

    WebElement pauseButton() {
        return browser.driver().findElement(By.id("log-pause"));
    }

    WebElement channelFilter(String channel) {
        return browser.driver().findElement(By.cssSelector("#log-filter-options input[value='" + channel + "']"));
    }

    String pausedNote() {
        return text("#log-paused-note");
    }

    String rateNow() {
        return text("#rate-now");
    }

    // ---- gap notice

    boolean gapNoticeShown() {
        return Boolean.FALSE.equals(browser.script("return document.getElementById('gap-notice').hidden"));
    }

    String gapNotice() {
        return text("#gap-notice-text");
    }

    String gapNoticeState() {
        return attribute("#gap-notice", "data-state");
    }

    /**
     * Keeps the page's main thread busy for a while, as a slow client would be: the browser stops
     * reading the socket once its buffers are full, and the hub's queue for it overflows.
     */
    void blockMainThread(Duration duration) {
        browser.script("setTimeout(() => { const end = performance.now() + arguments[0]; while (performance.now() < end) {} }, 0)",
                duration.toMillis());
    }

    // ---- plumbing

    String text(String css) {
        return (String) browser.script("const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : null", css);
    }

    String attribute(String css, String name) {
        return (String) browser.script("const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null",
                css, name);
    }

    void await(String what, BooleanSupplier condition) {
        await(what, SOON, condition);
    }

    void await(String what, Duration timeout, BooleanSupplier condition) {
        browser.await(what, timeout, driver -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }
}
