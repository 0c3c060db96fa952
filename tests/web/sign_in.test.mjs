// Signing in to the dashboard, end to end in Debian's Chromium against the real server: the
// admin's first sign-in and forced password change, a second factor made mandatory for
// approvers and enrolled from the page, signing out, a session ended elsewhere, the wait after
// too many failures, and the Content-Security-Policy kept. Each step waits on the page's DOM
// or on the server's answer, never on time.
//
// The server counts failures as usual but makes the third consecutive one of a name wait a
// minute, so that the 429 is reached in three tries and holds for the rest of the test.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, openDashboard, screenshot, Server, SESSION_COOKIE, signIn, submitSignIn } from "./harness.mjs";
import { nextStepCode, parseOtpauth, totpCode, wrongCode } from "./totp.mjs";

describe("signing in", () => {
  let server;
  let browser;

  before(async () => {
    server = await Server.start({ args: ["--sign-in-throttle", "free=2,delay=60s,max-delay=60s"] });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  // The sign-in form's refusal, once the answer to the latest try is on the page.
  const refusal = (page, code) => page.locator(`form[data-asks-code] .error[data-code="${code}"]`);

  test("the admin's first sign-in: a wrong password is refused, the first password must be changed, then the dashboard opens", async () => {
    const page = await openDashboard(browser, server);
    await submitSignIn(page, "admin", "không phải mật khẩu này");
    await refusal(page, "sign_in_failed").waitFor();
    assert.match(await refusal(page, "sign_in_failed").innerText(), /Tên đăng nhập, mật khẩu hoặc mã xác thực không đúng/);
    assert.equal(await page.getByTestId("me").count(), 0);
    await screenshot(page, "sign-in-refused");

    await submitSignIn(page, "admin", server.adminPassword);
    const change = page.getByRole("form", { name: "Đổi mật khẩu ban đầu" });
    await change.waitFor();
    // The rules are said before anything is typed; nothing else is open until it is done.
    assert.match(await change.innerText(), /từ 12 đến 128 ký tự/);
    assert.equal(await page.getByTestId("me").count(), 0);
    assert.equal(await page.locator("nav.tabs").count(), 0);
    const current = change.getByLabel("Mật khẩu hiện tại");
    const next = change.getByLabel("Mật khẩu mới", { exact: true });
    const repeat = change.getByLabel("Nhập lại mật khẩu mới");
    const save = change.getByRole("button", { name: "Lưu mật khẩu mới" });
    const fault = (field, words) => change.locator(`.error[data-field="${field}"]`, { hasText: words });
    const attempt = async (currentValue, nextValue, repeatValue = nextValue) => {
      await current.fill(currentValue);
      await next.fill(nextValue);
      await repeat.fill(repeatValue);
      await save.click();
    };

    // Each refusal names the field at fault and the rule it broke.
    await attempt(server.adminPassword, "ngắn quá");
    await fault("new_password", /quá ngắn: cần ít nhất 12 ký tự/).waitFor();
    assert.equal(await next.getAttribute("aria-invalid"), "true");
    await attempt(server.adminPassword, "Administrator của Sở Tư pháp");
    await fault("new_password", /không được chứa tên đăng nhập hay họ tên/).waitFor();
    const chosen = "Trăng rằm tháng Tám sáng tỏ";
    await attempt(server.adminPassword, chosen, "Trăng rằm tháng Tám sáng to");
    await fault("new_password_repeat", /không giống nhau/).waitFor();
    assert.equal(await repeat.getAttribute("aria-invalid"), "true");
    await attempt("mật khẩu cũ đoán sai", chosen);
    await fault("current_password", /Mật khẩu hiện tại không đúng/).waitFor();
    assert.equal(await current.getAttribute("aria-invalid"), "true");
    assert.equal(await next.getAttribute("aria-invalid"), null);
    await screenshot(page, "first-password");

    await attempt(server.adminPassword, chosen);
    await page.getByTestId("me").waitFor();
    assert.match(await page.getByTestId("me").innerText(), /Administrator/);
    await page.locator('a[data-screen="coordinator"][aria-current="page"]').waitFor();
    await page.locator('.live[data-mode="sse"]').waitFor();
    const admin = await server.must(200, "GET", "/v1/users/admin");
    assert.equal(admin.must_change_password, false);
    assert.equal(admin.password_set, true);
    // The first password is spent; the chosen one signs in with nothing more owed.
    assert.equal((await server.signInByApi("admin", server.adminPassword)).status, 401);
    const again = await server.signInByApi("admin", chosen);
    assert.equal(again.status, 200);
    assert.equal(again.body.must_change_password, false);
    await screenshot(page, "admin-dashboard");
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("a second factor made mandatory for approvers: enrolled from the page, then asked at each sign-in with a fresh code", async () => {
    const approver = await server.user("phe-duyet-2fa", "ubnd-tinh", ["approver"]);
    const early = await server.user("phe-duyet-som", "ubnd-tinh", ["approver"]);
    // Signed in before the rule: the page follows it on its next call.
    const before = await signIn(browser, server, early);
    await before.locator("#transfers").waitFor();
    await server.must(200, "PUT", "/v1/policy/sign-in", { second_factor_roles: ["approver"] });
    await before.locator('section.second-factor[data-forced="true"]').waitFor();
    assert.equal(await before.getByTestId("me").count(), 0);
    assert.deepEqual(before.errors, []);
    await before.close();

    const page = await openDashboard(browser, server);
    await submitSignIn(page, approver.id, approver.password);
    const enrol = page.locator('section.second-factor[data-forced="true"]');
    await enrol.waitFor();
    assert.match(await enrol.innerText(), /Vai trò của bạn bắt buộc dùng xác thực hai lớp/);
    assert.equal(await page.getByTestId("me").count(), 0);
    // The key in groups of four, the same key in the otpauth URI, and its QR code drawn.
    const grouped = await enrol.getByTestId("totp-secret").innerText();
    assert.match(grouped, /^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    const secret = grouped.replace(/ /g, "");
    const uri = parseOtpauth(await enrol.getByTestId("totp-uri").innerText());
    assert.deepEqual({ secret: uri.secret, algorithm: uri.algorithm, digits: uri.digits, period: uri.period, issuer: uri.issuer, label: uri.label },
      { secret, algorithm: "SHA1", digits: 6, period: 30, issuer: "Mandate", label: approver.id });
    const qr = enrol.getByRole("img", { name: "Mã QR để quét bằng ứng dụng xác thực" });
    assert.ok(Number(await qr.getAttribute("data-modules")) >= 21);
    assert.ok((await qr.boundingBox()).width > 100);
    await screenshot(page, "second-factor-enrolment");

    const form = enrol.getByRole("form", { name: "Bật xác thực hai lớp" });
    const codeField = form.getByLabel("Mã xác thực (6 chữ số)");
    await codeField.fill(wrongCode(secret));
    await form.getByRole("button", { name: "Xác nhận" }).click();
    await form.locator('.error[data-field="code"]', { hasText: /Mã không khớp với khóa/ }).waitFor();
    assert.equal(await codeField.getAttribute("aria-invalid"), "true");
    const enrolledAt = Date.now();
    await codeField.fill(totpCode(secret, enrolledAt));
    await form.getByRole("button", { name: "Xác nhận" }).click();
    await page.getByTestId("me").waitFor();
    await page.locator('a[data-screen="approver"][aria-current="page"]').waitFor();
    await page.locator("#transfers").waitFor();
    assert.equal((await server.must(200, "GET", `/v1/users/${approver.id}`)).second_factor_enrolled, true);

    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.locator('[data-notice="signed_out"]').waitFor();
    // The password alone is not enough any more: the code is asked for.
    await submitSignIn(page, approver.id, approver.password);
    await page.locator('form[data-asks-code="true"]').waitFor();
    await page.locator('[data-notice="second_factor"]').waitFor();
    assert.equal(await page.getByTestId("me").count(), 0);
    await screenshot(page, "sign-in-code");
    // The code of the step used at enrolment is spent; one of the next step is not.
    await submitSignIn(page, approver.id, approver.password, totpCode(secret, enrolledAt));
    await refusal(page, "sign_in_failed").waitFor();
    assert.equal(await page.getByLabel("Mã xác thực (6 chữ số)").inputValue(), "");
    await submitSignIn(page, approver.id, approver.password, nextStepCode(secret));
    await page.getByTestId("me").waitFor();
    await page.locator("#transfers").waitFor();
    assert.deepEqual(page.errors, []);
    await page.close();
    await server.must(200, "PUT", "/v1/policy/sign-in", { second_factor_roles: [] });
  });

  test("signing out ends the session on the server: a reload shows the sign-in form, and the old cookie is refused", async () => {
    const officer = await server.user("can-bo-dang-xuat", "so-tu-phap", ["officer"]);
    const page = await signIn(browser, server, officer);
    await page.locator("#inbox").waitFor();
    // A reload keeps the session: the cookie, which script cannot read, and the CSRF token
    // read again from GET /v1/me. Nothing of the session is kept in storage.
    await page.reload();
    await page.getByTestId("me").waitFor();
    const [cookie] = (await page.context().cookies()).filter((c) => c.name === SESSION_COOKIE);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, "Strict");
    assert.equal(await page.evaluate(() => document.cookie), "");
    assert.deepEqual(await page.evaluate(() => [...Object.keys(sessionStorage), ...Object.keys(localStorage).filter((k) => k !== "mandate.lang")]), []);

    // Signing out is a write: after the reload it carries the token /v1/me gave.
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    const notice = page.locator('[data-notice="signed_out"]');
    await notice.waitFor();
    assert.match(await notice.innerText(), /Bạn đã đăng xuất/);
    assert.equal((await server.sessionApi({ cookie: `${cookie.name}=${cookie.value}`, csrf: "" }, "GET", "/v1/me")).status, 401);
    assert.equal((await page.context().cookies()).filter((c) => c.name === SESSION_COOKIE).length, 0);
    await page.reload();
    await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
    assert.equal(await page.getByTestId("me").count(), 0);
    assert.equal((await server.must(200, "GET", `/v1/users/${officer.id}`)).open_sessions, 0);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("a session ended elsewhere sends the page back to the sign-in form, saying so", async () => {
    const officer = await server.user("can-bo-het-phien", "so-tu-phap", ["officer"]);
    const page = await signIn(browser, server, officer);
    await page.locator('.live[data-mode="sse"]').waitFor();
    // The user changes the password from another device: every other session ends, and the
    // change is an event, so the page's views reload and are refused.
    const elsewhere = await server.signInByApi(officer.id, officer.password);
    const changed = "Mùa thu lá vàng rơi đầy ngõ";
    assert.equal((await server.sessionApi(elsewhere, "POST", "/v1/me/password", { current_password: officer.password, new_password: changed })).status, 200);
    const notice = page.locator('[data-notice="expired"]');
    await notice.waitFor();
    assert.match(await notice.innerText(), /Phiên làm việc đã hết hạn hoặc đã kết thúc/);
    await screenshot(page, "session-expired");
    await submitSignIn(page, officer.id, changed);
    await page.getByTestId("me").waitFor();
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("too many failures: the form says how long to wait, in either language, and holds the button", async () => {
    const page = await openDashboard(browser, server);
    const button = page.locator("form[data-asks-code]").getByRole("button", { name: "Đăng nhập" });
    // Two failures are free, the third makes the name wait; each is awaited by its answer.
    for (let i = 0; i < 3; i++) {
      const answered = page.waitForResponse((r) => r.url().endsWith("/v1/sign-in"));
      await submitSignIn(page, "khong-co-ai", `đoán thử lần thứ ${i}`);
      assert.equal((await answered).status(), 401);
      await refusal(page, "sign_in_failed").waitFor();
    }
    await submitSignIn(page, "khong-co-ai", "đoán thử lần cuối");
    const wait = refusal(page, "rate_limited");
    await wait.waitFor();
    assert.match(await wait.innerText(), /Đăng nhập sai quá nhiều lần\. Hãy thử lại sau \d+ giây\./);
    assert.equal(await button.isDisabled(), true);
    await screenshot(page, "sign-in-wait");
    await page.getByLabel("Ngôn ngữ").selectOption("en");
    await wait.getByText(/Too many failed sign-ins\. Try again in \d+ seconds\./).waitFor();
    await page.getByLabel("Language").selectOption("vi");
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("a user enrols a second factor and changes the password from the account menu", async () => {
    const officer = await server.user("can-bo-tu-nguyen", "so-tu-phap", ["officer"]);
    const page = await signIn(browser, server, officer);
    const menu = page.locator("details.account");
    await page.getByTestId("me").click();
    assert.match(await menu.innerText(), /Xác thực hai lớp: chưa bật/);
    await screenshot(page, "account-menu");
    await menu.getByRole("button", { name: "Bật xác thực hai lớp" }).click();
    const enrol = page.locator('section.second-factor[data-forced="false"]');
    const secret = (await enrol.getByTestId("totp-secret").innerText()).replace(/ /g, "");
    await enrol.getByLabel("Mã xác thực (6 chữ số)").fill(totpCode(secret));
    await enrol.getByRole("button", { name: "Xác nhận" }).click();
    await page.locator('[data-notice="second_factor_enrolled_msg"]').waitFor();
    await page.locator("#inbox").waitFor();
    await page.getByTestId("me").click();
    await menu.locator('[data-second-factor="on"]').waitFor();
    assert.equal(await menu.getByRole("button", { name: "Bật xác thực hai lớp" }).count(), 0);

    await menu.getByRole("button", { name: "Đổi mật khẩu" }).click();
    const change = page.getByRole("form", { name: "Đổi mật khẩu" });
    const chosen = "Đường về quê mẹ xa lắm";
    await change.getByLabel("Mật khẩu hiện tại").fill(officer.password);
    await change.getByLabel("Mật khẩu mới", { exact: true }).fill(chosen);
    await change.getByLabel("Nhập lại mật khẩu mới").fill(chosen);
    await change.getByRole("button", { name: "Lưu mật khẩu mới" }).click();
    await change.locator('[data-notice="password_changed"]').waitFor();
    // This session stays; the new password and a code sign in.
    await page.getByRole("button", { name: "Quay lại" }).click();
    await page.locator("#inbox").waitFor();
    assert.equal((await server.signInByApi(officer.id, chosen)).body.code, "second_factor_required");
    assert.equal((await server.signInByApi(officer.id, chosen, nextStepCode(secret))).status, 200);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("a breach of the Content-Security-Policy would be caught: an inline script is refused and reported", async () => {
    const page = await openDashboard(browser, server);
    const reported = page.waitForEvent("console", (m) => /Content Security Policy/i.test(m.text()));
    await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.__inline = true";
      document.head.append(s);
    });
    await reported;
    assert.equal(await page.evaluate(() => window.__inline), undefined);
    assert.equal(page.errors.length, 1);
    await page.close();
  });

  test("nothing is fetched from another origin", () => {
    assert.deepEqual(browser.foreign, []);
  });
});
