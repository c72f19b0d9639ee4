package org.kohogateway.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.dispatch.Dispatcher;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.template.Placeholder;
import org.kohogateway.gateway.template.PlaceholderType;
import org.kohogateway.gateway.template.PostTemplates;
import org.kohogateway.gateway.template.TemplateDraft;
import org.kohogateway.gateway.template.WeatherDraftLog;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.kohogateway.gateway.weather.WarningChange;
import org.kohogateway.gateway.weather.WeatherWarningChanged;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The disaster pages in a real browser (issue 22, point 7): a poster writes a template with typed placeholders, the
 * department head approves it in peacetime; in an emergency the poster fills it on a phone, a colleague confirms it on
 * a phone, and it goes out; a weather warning's draft is listed for the department. Each page passes the axe scan.
 */
class TemplatePagesBrowserTest extends BrowserPages {

    @Autowired
    private Dispatcher dispatcher;
    @Autowired
    private PostTemplates templates;
    @Autowired
    private StaffDirectory staff;
    @Autowired
    private WeatherDraftLog weatherDrafts;
    @Autowired
    private ApplicationEventPublisher events;
    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void aTemplateWrittenAndApprovedInPeacetimeIsFilledOnAPhoneConfirmedByAColleagueAndSent() {
        World world = data.world();
        String name = "避難所開設 " + TestData.unique();

        login(world.poster());
        driver.get(url("/templates/new"));
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("text")).sendKeys("【避難所開設】{{時刻}}、{{地区}}に避難所「{{避難所}}」を開設しました。");
        driver.findElement(By.cssSelector("button[value=read]")).click();
        waitForText(By.id("placeholders"), "差し込み項目「避難所」");
        new Select(driver.findElement(By.id("placeholders-0-type"))).selectByValue("TIME");
        new Select(driver.findElement(By.id("placeholders-1-type"))).selectByValue("AREA");
        driver.findElement(By.id("placeholders-1-choices")).sendKeys("江津地区\n桜江地区");
        new Select(driver.findElement(By.id("placeholders-2-type"))).selectByValue("TEXT");
        driver.findElement(By.id("placeholders-2-maxLength")).sendKeys("30");
        tick(world.lineA().id());
        tick(world.x().id());
        driver.findElement(By.id("warningKinds")).sendKeys("03");
        assertAccessible();
        screenshotOf("template-form", By.id("placeholders"));
        driver.findElement(By.cssSelector("#template button[value=submit]")).click();
        waitForText(By.tagName("main"), "承認申請しました");
        assertThat(templateCard(name).getText()).contains("第1版（承認待ち）");

        logout();
        login(world.approver());
        driver.get(url("/templates"));
        templateCard(name).findElement(By.cssSelector("button.primary")).click();
        waitForText(By.tagName("main"), "承認しました");
        assertThat(templateCard(name).getText()).contains("第1版（承認済み）").contains(world.lineA().name())
                .contains(world.x().name());
        assertAccessible();
        screenshot("templates");

        logout();
        login(world.poster());
        driver.manage().window().setSize(PHONE);
        driver.get(url("/templates"));
        templateCard(name).findElement(By.linkText("記入して投稿")).click();
        WebElement time = driver.findElement(By.id("value-0"));
        assertThat(time.getAttribute("type")).isEqualTo("time");
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = '14:05'", time);
        new Select(driver.findElement(By.id("value-1"))).selectByVisibleText("桜江地区");
        WebElement shelter = driver.findElement(By.id("value-2"));
        assertThat(shelter.getAttribute("maxlength")).isEqualTo("30");
        shelter.sendKeys("桜江総合センター");
        driver.findElement(By.cssSelector("button[value=preview]")).click();
        String filled = "【避難所開設】14時05分、桜江地区に避難所「桜江総合センター」を開設しました。";
        waitForText(By.id("preview"), filled);
        assertThat(driver.findElement(By.id("preview")).getText()).contains(world.lineA().name())
                .contains(world.x().name());
        assertThat(driver.findElement(By.id("value-2")).getRect().getWidth()).isLessThanOrEqualTo(390);
        assertAccessible();
        assertFitsTheScreen();
        screenshotOf("template-fill-phone", By.tagName("h1"));
        screenshotOf("template-preview-phone", By.id("preview"));
        driver.findElement(By.id("fill-submit")).click();
        waitForText(By.tagName("main"), "記入した本人は確認できません");
        String confirmation = driver.getCurrentUrl();
        assertThat(confirmation).endsWith("/confirm");
        assertThat(driver.findElements(By.id("confirm"))).isEmpty();

        logout();
        login(world.both());
        driver.manage().window().setSize(PHONE);
        driver.get(url("/inbox"));
        article(filled).findElement(By.linkText("確認画面を開く（送信先と本文を大きな文字で）")).click();
        waitForText(By.tagName("h1"), "送信内容の確認");
        assertThat(driver.getCurrentUrl()).isEqualTo(confirmation);
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(filled).contains(world.lineA().name())
                .contains(world.x().name());
        assertThat(driver.findElements(By.cssSelector(".confirm-target .platform-icon"))).hasSize(2);
        WebElement confirm = driver.findElement(By.id("confirm"));
        assertThat(confirm.getRect().getWidth()).isLessThanOrEqualTo(390);
        assertAccessible();
        assertFitsTheScreen();
        screenshotOf("template-confirm-phone", By.tagName("h1"));
        confirm.click();
        waitForText(By.tagName("main"), "承認しました");

        dispatcher.drain();
        driver.get(confirmation.replace("/confirm", ""));
        waitForText(By.tagName("main"), "送信済み");
        assertThat(driver.findElements(By.cssSelector(".delivery-sent"))).hasSize(2);
    }

    @Test
    void aWeatherWarningsDraftIsListedForTheDepartmentWithTheWarningAndALinkToTheDraft() {
        World world = data.world();
        long id = templates.create(staff.byUsername(world.poster()), new TemplateDraft("大雨警報 " + TestData.unique(),
                "【気象警報】{{時刻}}、{{地区}}に{{警報}}が発表されました。",
                List.of(new Placeholder("時刻", PlaceholderType.TIME, null, 0),
                        new Placeholder("地区", PlaceholderType.AREA, List.of("江津市"), 0),
                        new Placeholder("警報", PlaceholderType.TEXT, null, 20)),
                List.of(world.lineA().id()), null, List.of("03"))).id();
        templates.submit(staff.byUsername(world.poster()), id);
        templates.approve(staff.byUsername(world.approver()), id, "平時に確認");
        new TransactionTemplate(transactions).executeWithoutResult(status -> events.publishEvent(
                new WeatherWarningChanged(1L, "03", "大雨警報", "3220700", "江津市", "発表", WarningChange.ISSUED,
                        Instant.parse("2026-07-01T01:30:00Z"), world.departmentA().code())));
        String post = await().atMost(Duration.ofSeconds(30)).until(() -> weatherDrafts.list(staff.byUsername(
                world.poster())).stream().filter(d -> d.templateId() == id).map(d -> d.postId().toString())
                .findFirst().orElse(null), v -> v != null);

        login(world.poster());
        driver.get(url("/weather-drafts"));
        WebElement row = driver.findElement(By.id("weather-draft-" + post));
        assertThat(row.getText()).contains("2026-07-01 10:30").contains("大雨警報").contains("江津市").contains("発表")
                .contains("下書き");
        assertAccessible();
        screenshot("weather-drafts");
        row.findElement(By.partialLinkText("開く")).click();
        waitForText(By.tagName("main"), "【気象警報】10時30分、江津市に大雨警報が発表されました。");
    }

    private static WebElement templateCard(String name) {
        return new org.openqa.selenium.support.ui.WebDriverWait(driver, WAIT).until(d -> d.findElements(
                By.cssSelector("article.template")).stream().filter(a -> a.getText().contains(name)).findFirst()
                .orElse(null));
    }
}
