// The dashboard end to end: Debian's Chromium, driven by playwright-core, against the real
// `mandate serve` with the seed plans, one scenario per role and one per thing the coordinator
// does with a plan year. Each waits on the page's DOM, never on time, and saves a screenshot
// under the build directory. Counts the seed plans decide are read from the API, not written
// here, so that a faithful change to a plan file does not break the dashboard's tests.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, screenshot, Server, signIn } from "./harness.mjs";

const PLAN = "vn-la-2024";
// Days are Vietnam's, as the server counts them (and the browser's zone in launchBrowser).
const vietnamDay = (at = new Date()) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
const today = vietnamDay();
const thisYear = Number(today.slice(0, 4));
// The tasks of a plan year that still have no deadline, as the dashboard's warning lists them.
const undatedOf = (plan, year) =>
  plan.tasks.filter((x) => x.kind !== "on_event" && x.kind !== "rule" && x.occurrence_year === year && x.due_on === null && x.status !== "cancelled");

describe("dashboard", () => {
  let server;
  let browser;
  // Each user of the scenarios: {id, name, token, password}. The token drives the API calls
  // that set a scenario up; the dashboard is signed in to with the password.
  const users = {};

  before(async () => {
    server = await Server.start();
    users.coordinator = await server.user("dieu-phoi", "cong-an-tinh", ["coordinator"]);
    // A coordinator of another agency than the plans' focal one: it sees, but may not decide.
    users.coordinatorNv = await server.user("dieu-phoi-ngoai-vu", "so-ngoai-vu", ["coordinator"]);
    users.officer = await server.user("can-bo-tu-phap", "so-tu-phap", ["officer"]);
    users.officerNv = await server.user("can-bo-ngoai-vu", "so-ngoai-vu", ["officer"]);
    users.officerCa = await server.user("can-bo-cong-an", "cong-an-tinh", ["officer"]);
    users.approver = await server.user("phe-duyet", "ubnd-tinh", ["approver"]);
    users.investigator = await server.user("dieu-tra", "cong-an-tinh", ["investigator"]);
    // The offices the procedures name (the server's default --authorities), as
    // tests/e2e/api_fixture.h has them: the Committee's Office, which proposes the transfers of
    // the bodies under the Committee, and the breach chain's police division and Ministry
    // department; the seed's agencies file may have them already.
    await server.agency("van-phong-ubnd-tinh", "Văn phòng UBND tỉnh", "ubnd-tinh");
    await server.agency("phong-anctnb", "Phòng An ninh chính trị nội bộ", "cong-an-tinh");
    await server.agency("cuc-anctnb", "Cục An ninh chính trị nội bộ", "");
    users.office = await server.user("van-phong", "van-phong-ubnd-tinh", ["officer"]);
    users.pa03 = await server.user("pa03", "phong-anctnb", ["coordinator", "investigator"], "top_secret");
    users.committee = await server.user("ubnd-dieu-phoi", "ubnd-tinh", ["coordinator"], "top_secret");
    users.a03 = await server.user("a03", "cuc-anctnb", ["coordinator", "investigator"], "top_secret");
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("a coordinator sees the Laos plan's matrix, dates in dd/mm/yyyy", async () => {
    const page = await signIn(browser, server, users.coordinator);
    await page.getByLabel("Kế hoạch").first().selectOption(PLAN);
    const matrix = page.locator(`table.matrix[data-plan="${PLAN}"]`);
    await matrix.waitFor();
    // Every phase of the plan is a column, the standing tasks last.
    const heads = await matrix.locator("thead th").allInnerTexts();
    assert.ok(heads.some((h) => h.startsWith("Giai đoạn I\n")), heads.join("|"));
    assert.ok(heads.some((h) => h.startsWith("Giai đoạn III")), heads.join("|"));
    assert.match(heads.at(-1), /Nhiệm vụ thường xuyên/);
    // The lead of the phase I tasks is behind on them (due 31/12/2024): a red cell.
    const lead = matrix.locator('button[data-agency="cong-an-tinh"][data-phase="I"]');
    assert.equal(await lead.getAttribute("data-assigned"), "2");
    assert.equal(await lead.getAttribute("data-overdue"), "2");
    assert.match(await lead.locator("xpath=..").getAttribute("class"), /lag-bad/);
    assert.match(await matrix.locator("caption").innerText(), /\d{2}\/\d{2}\/\d{4}/);
    assert.match(await matrix.locator("thead").innerText(), /01\/01\/2024 – 31\/12\/2024/);

    // A click opens that agency's tasks.
    await lead.click();
    const list = page.locator('.agency-tasks[data-agency="cong-an-tinh"]');
    await list.getByText("la-training", { exact: true }).waitFor();
    await list.getByText("la-brief-staff", { exact: true }).waitFor();
    await screenshot(page, "coordinator-matrix");

    // The overdue list, filtered by agency, most overdue first.
    await page.locator("#overdue").getByLabel("Cơ quan, đơn vị").selectOption("so-ngoai-vu");
    await page.locator('#overdue tr[data-task="la-notify-entry-into-force"]').waitFor();
    const days = (await page.locator("#overdue tbody td.num").allInnerTexts()).map(Number);
    assert.deepEqual(days, [...days].sort((a, b) => b - a));

    // English on request.
    await page.getByLabel("Ngôn ngữ").selectOption("en");
    await page.getByRole("heading", { name: "Progress by agency and phase" }).waitFor();
    await page.getByLabel("Language").selectOption("vi");
    await page.getByRole("heading", { name: "Tiến độ theo cơ quan và giai đoạn" }).waitFor();

    // On a tablet held upright the page still fits its width (the matrix scrolls inside).
    await page.setViewportSize({ width: 820, height: 1180 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    await screenshot(page, "coordinator-tablet");
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("an officer acknowledges a task and the coordinator's matrix follows without a reload", async () => {
    const coordinator = await signIn(browser, server, users.coordinator);
    // A coordinator may not read the log: it follows GET /v1/views/changes, a stream too.
    await coordinator.locator('.live[data-mode="sse"]').waitFor();
    await coordinator.getByLabel("Kế hoạch").first().selectOption(PLAN);
    const cell = coordinator.locator(`table.matrix[data-plan="${PLAN}"] button[data-agency="so-tu-phap"][data-phase="I"]`);
    try {
      await cell.waitFor();
    } catch (e) {
      await screenshot(coordinator, "debug-coordinator");
      throw e;
    }
    assert.equal(await cell.getAttribute("data-acknowledged"), "0");
    // Set on this document: still there afterwards means the page was never reloaded.
    await coordinator.evaluate(() => (window.__sameDocument = true));

    const officer = await signIn(browser, server, users.officer);
    const row = officer.locator('#inbox li[data-task="la-brief-staff"]');
    await row.getByRole("button").click();
    const detail = officer.locator('.task-detail[data-task="la-brief-staff"]');
    await detail.getByRole("button", { name: "Tiếp nhận" }).click();
    // The task's history shows the acknowledgement, the progress form replaces the button.
    await detail.locator("ol.history").getByText("task.acknowledged").waitFor();
    await detail.getByRole("form", { name: "Báo cáo tiến độ" }).waitFor();

    // A failed command loses nothing: the note stays, the field at fault is named.
    const progress = detail.getByRole("form", { name: "Báo cáo tiến độ" });
    await progress.getByLabel("Tỷ lệ hoàn thành (%)").fill("40");
    await progress.getByRole("button", { name: "Gửi" }).click();
    const problem = progress.locator('.error[data-field="note"]');
    await problem.waitFor();
    assert.match(await problem.innerText(), /Thông tin chưa hợp lệ/);
    assert.equal(await progress.getByLabel("Nội dung").getAttribute("aria-invalid"), "true");
    assert.equal(await progress.getByLabel("Tỷ lệ hoàn thành (%)").inputValue(), "40");
    await screenshot(officer, "officer-task");

    await cell.and(coordinator.locator('[data-acknowledged="1"]')).waitFor();
    assert.equal(await coordinator.evaluate(() => window.__sameDocument), true);
    await cell.scrollIntoViewIfNeeded();
    await screenshot(coordinator, "coordinator-after-acknowledgement");
    const task = await server.must(200, "GET", "/v1/tasks/la-brief-staff");
    assert.equal(task.assignments.find((a) => a.agency === "so-tu-phap").status, "acknowledged");
    assert.deepEqual([...coordinator.errors, ...officer.errors], []);
    await officer.close();
    await coordinator.close();
  });

  test("an approver refuses a transfer, after being told which field was missing", async () => {
    const transfer = (id, classification) => ({
      id, agency: "so-ngoai-vu", direction: "outbound", partner: "LA", plan: PLAN,
      document: { ref: `${id}/CV-SNgV`, title: `Danh sách đoàn công tác ${id}`, classification },
      channel: "diplomatic", purpose: "Trao đổi theo Hiệp định",
    });
    // so-ngoai-vu is under the People's Committee: its Office proposes, then the approver decides.
    const opinion = { police_opinion: "Công an tỉnh thống nhất" };
    await server.must(201, "POST", "/v1/transfers", transfer("tr-web-refuse", "secret"), users.officerNv.token);
    await server.must(200, "POST", "/v1/transfers/tr-web-refuse/propose", opinion, users.office.token);
    // One completed this year, so that the statistics have a bar.
    await server.must(201, "POST", "/v1/transfers", transfer("tr-web-done", "confidential"), users.officerNv.token);
    await server.must(200, "POST", "/v1/transfers/tr-web-done/propose", opinion, users.office.token);
    await server.must(200, "POST", "/v1/transfers/tr-web-done/approve", { approval_ref: "318/QĐ-UBND", approved_on: today, signed_by: "Chủ tịch UBND tỉnh" }, users.approver.token);
    await server.must(200, "POST", "/v1/transfers/tr-web-done/complete", { completed_on: today, cipher_protected: true }, users.officerNv.token);

    const page = await signIn(browser, server, users.approver);
    const card = page.locator('li[data-transfer="tr-web-refuse"]');
    await card.waitFor();
    assert.match(await card.innerText(), /Tối mật/);
    assert.match(await card.innerText(), /LA/);
    assert.match(await card.innerText(), /ngoại giao/);
    const refuse = card.getByRole("form", { name: "Từ chối" });
    await refuse.getByRole("button", { name: "Từ chối" }).click();
    await card.locator('.error[data-field="reason"]').waitFor();
    assert.equal(await refuse.getByLabel("Lý do").getAttribute("aria-invalid"), "true");

    await refuse.getByLabel("Lý do").fill("Tài liệu chưa được giải mật một phần");
    await refuse.getByRole("button", { name: "Từ chối" }).click();
    await card.waitFor({ state: "detached" });
    const answer = await server.must(200, "GET", "/v1/transfers/tr-web-refuse");
    assert.equal(answer.status, "rejected");
    assert.equal(answer.rejection.reason, "Tài liệu chưa được giải mật một phần");

    await page.locator('#stats svg[role="img"] rect').first().waitFor();
    assert.match(await page.locator("#stats svg").innerHTML(), /LA · chuyển đi/);
    await screenshot(page, "approver");
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("an investigator drags the slider and sees the timeline as it was", async () => {
    const incident = await server.must(201, "POST", "/v1/incidents", {
      id: "inc-web", agency: "so-tu-phap", kind: "loss", classification: "confidential", partner: "LA",
      documents: [{ ref: "12/BC-STP", title: "Báo cáo hợp tác tư pháp" }],
      discovered_at: new Date(Date.now() - 3 * 3600_000).toISOString(), summary: "Thất lạc một bản sao tài liệu mật sau hội nghị",
    }, users.officer.token);
    // The police division receives it and, holding it, reports it to the People's Committee.
    await server.must(200, "POST", "/v1/incidents/inc-web/receive", {}, users.pa03.token);
    await server.must(200, "POST", "/v1/incidents/inc-web/escalate", { to: "ubnd-tinh", note: "Tham mưu UBND tỉnh" }, users.pa03.token);
    const first = incident.position;

    const page = await signIn(browser, server, users.investigator);
    await page.locator('.live[data-mode="sse"]').waitFor();
    const timeline = page.locator('.incident-timeline[data-incident="inc-web"]');
    await timeline.locator('ol.timeline[data-count="3"]').waitFor();

    // A finding recorded now arrives through the event stream.
    await server.must(200, "POST", "/v1/incidents/inc-web/findings", { kind: "cause", text: "Mang tài liệu ra khỏi cơ quan" }, users.pa03.token);
    await timeline.locator('ol.timeline[data-count="4"]').waitFor();
    const entry = timeline.locator('li[data-type="incident.reported"]');
    const facts = await entry.locator("dl").innerText();
    assert.match(facts, /Thời điểm xảy ra\s+\d{2}\/\d{2}\/\d{4}/);
    assert.match(facts, /Thời điểm ghi nhận\s+\d{2}\/\d{2}\/\d{4}/);
    assert.match(facts, /can-bo-tu-phap/);
    await timeline.locator('.chain[data-verified="true"]').waitFor();

    // Drag the slider's thumb to its left end: the record as it stood after the report.
    const slider = timeline.getByLabel(/Xem lại hồ sơ tại vị trí/);
    await slider.scrollIntoViewIfNeeded(); // Below the incident's chain of steps.
    const box = await slider.boundingBox();
    await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 2, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await timeline.locator(`ol.timeline[data-as-of="${first}"][data-count="1"]`).waitFor();
    assert.deepEqual(await timeline.locator("ol.timeline li").evaluateAll((els) => els.map((e) => e.dataset.type)), ["incident.reported"]);
    await screenshot(page, "investigator-replay");

    // One step right with the keyboard: the receipt appears.
    await slider.press("ArrowRight");
    await timeline.locator('ol.timeline[data-count="2"]').waitFor();
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("a coordinator picks the plan year: the matrix counts that year, the current Vietnam year first", async () => {
    const plan = await server.must(200, "GET", `/v1/plans/${PLAN}`);
    assert.ok(plan.years.includes(thisYear), `years ${plan.years}`);
    const first = plan.years[0];
    const page = await signIn(browser, server, users.coordinator);
    await page.getByLabel("Kế hoạch").first().selectOption(PLAN);
    await page.locator(`table.matrix[data-plan="${PLAN}"][data-year="${thisYear}"]`).waitFor();
    const year = page.locator("#matrix").getByLabel("Năm", { exact: true });
    assert.equal(await year.inputValue(), String(thisYear));
    assert.deepEqual((await year.locator("option").allInnerTexts()).map(Number), plan.years);

    await year.selectOption(String(first));
    const matrix = page.locator(`table.matrix[data-plan="${PLAN}"][data-year="${first}"]`);
    await matrix.waitFor();
    assert.match(await matrix.locator("caption").innerText(), new RegExp(`Năm ${first}\\.`));
    // A cell holds that year's counts, as the API gives them for the year.
    const status = await server.must(200, "GET", `/v1/views/phase-status?plan=${PLAN}&year=${first}`, undefined, users.coordinator.token);
    assert.equal(status.year, first);
    const counted = status.phases.find((p) => p.key === null).agencies.find((a) => a.agency === "so-tu-phap");
    const cell = matrix.locator('button[data-agency="so-tu-phap"][data-phase=""]');
    assert.equal(await cell.getAttribute("data-assigned"), String(counted.assigned));
    assert.equal(await cell.getAttribute("data-overdue"), String(counted.overdue));
    // That agency's list holds the yearly duty's occurrence of that year, not the others'.
    await cell.click();
    const list = page.locator('.agency-tasks[data-agency="so-tu-phap"]');
    await list.locator(`tr[data-task="la-annual-report/${first}"]`).waitFor();
    const ids = await list.locator("tbody tr").evaluateAll((els) => els.map((e) => e.dataset.task));
    assert.deepEqual(ids.filter((id) => /\/\d{4}$/.test(id) && !id.endsWith(`/${first}`)), []);
    await screenshot(page, "coordinator-year");
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("duties set off by an event and the plan's rules are listed beside the matrix, not in it", async () => {
    const la = await server.must(200, "GET", `/v1/plans/${PLAN}`);
    const onEvent = la.definitions.filter((d) => d.kind === "on_event");
    assert.ok(onEvent.length > 0);
    const page = await signIn(browser, server, users.coordinator);
    await page.getByLabel("Kế hoạch").first().selectOption(PLAN);
    const duties = page.locator("#matrix aside.duties");
    for (const d of onEvent) {
      const item = duties.locator(`[data-kind="on_event"] li[data-duty="${d.id}"]`);
      await item.waitFor();
      assert.equal(await item.locator(".trigger").innerText(), d.trigger);
      assert.match(await item.innerText(), /Phát sinh khi[\s\S]*Số lần phát sinh/);
      const times = la.tasks.find((x) => x.id === d.id)?.triggered ?? d.triggered;
      assert.equal(await item.locator(".triggered").innerText(), times === undefined ? "—" : String(times));
    }
    // Not in the matrix: the lead's standing tasks there hold none of them.
    const lead = onEvent[0].lead;
    await page.locator(`table.matrix[data-plan="${PLAN}"] button[data-agency="${lead}"][data-phase=""]`).click();
    const list = page.locator(`.agency-tasks[data-agency="${lead}"]`);
    await list.locator("tbody tr").first().waitFor();
    const kinds = await list.locator("tbody tr").evaluateAll((els) => els.map((e) => [e.dataset.task, e.dataset.kind]));
    assert.deepEqual(kinds.filter(([id, kind]) => kind === "on_event" || kind === "rule" || onEvent.some((d) => d.id === id)), []);
    await screenshot(page, "coordinator-duties");

    // The Mongolia plan's rules, as text.
    const mn = await server.must(200, "GET", "/v1/plans/vn-mn-2021");
    const rules = mn.definitions.filter((d) => d.kind === "rule");
    assert.ok(rules.length > 0);
    await page.getByLabel("Kế hoạch").first().selectOption("vn-mn-2021");
    for (const r of rules) {
      const item = duties.locator(`[data-kind="rule"] li[data-duty="${r.id}"]`);
      await item.waitFor();
      assert.ok((await item.innerText()).includes(r.title), r.id);
      if (r.description) await item.locator(".rule-text").waitFor();
    }
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("each agency's submission of an each task waits on its own, and only the focal agency decides", async () => {
    const TASK = "la-identify-secrets";
    const before = await server.must(200, "GET", `/v1/tasks/${TASK}`);
    assert.equal(before.kind, "each");
    for (const officer of [users.officer.token, users.officerNv.token]) {
      await server.must(200, "POST", `/v1/tasks/${TASK}/acknowledge`, {}, officer);
      await server.must(200, "POST", `/v1/tasks/${TASK}/submit`, { note: "Danh mục bí mật nhà nước của đơn vị", evidence: [{ ref: "15/DM-BMNN", title: "Danh mục" }] }, officer);
    }

    // A coordinator of another agency sees both submissions, and no decision to take.
    const other = await signIn(browser, server, users.coordinatorNv);
    await other.getByLabel("Kế hoạch").first().selectOption(PLAN);
    await other.locator(`#review li[data-task="${TASK}"][data-agency="so-tu-phap"]`).waitFor();
    await other.locator("#review").getByText(/Chỉ điều phối viên của cơ quan đầu mối/).waitFor();
    assert.equal(await other.locator("#review").getByRole("button", { name: "Duyệt", exact: true }).count(), 0);
    assert.equal((await server.api("POST", `/v1/tasks/${TASK}/approve`, { agency: "so-tu-phap" }, users.coordinatorNv.token)).status, 403);
    assert.deepEqual(other.errors, []);
    await other.close();

    const page = await signIn(browser, server, users.coordinator);
    await page.getByLabel("Kế hoạch").first().selectOption(PLAN);
    const tuPhap = page.locator(`#review li[data-task="${TASK}"][data-agency="so-tu-phap"]`);
    const ngoaiVu = page.locator(`#review li[data-task="${TASK}"][data-agency="so-ngoai-vu"]`);
    await tuPhap.waitFor();
    await ngoaiVu.waitFor();
    assert.match(await tuPhap.innerText(), /Đơn vị nộp: /);
    await tuPhap.scrollIntoViewIfNeeded();
    await screenshot(page, "coordinator-review-each");

    await tuPhap.getByRole("button", { name: "Duyệt", exact: true }).click();
    await tuPhap.waitFor({ state: "detached" });
    assert.equal(await ngoaiVu.count(), 1);
    await ngoaiVu.getByLabel("Lý do").fill("Danh mục chưa đủ các nội dung theo Điều 3");
    await ngoaiVu.getByRole("button", { name: "Trả lại", exact: true }).click();
    await ngoaiVu.waitFor({ state: "detached" });

    const after = await server.must(200, "GET", `/v1/tasks/${TASK}`);
    const status = (agency) => after.assignments.find((a) => a.agency === agency).status;
    assert.equal(status("so-tu-phap"), "approved");
    assert.equal(status("so-ngoai-vu"), "in_progress");
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("the focal agency's coordinator sets the deadlines of the year's undated duties", async () => {
    const plan = await server.must(200, "GET", `/v1/plans/${PLAN}`, undefined, users.coordinator.token);
    const undated = undatedOf(plan, thisYear);
    assert.ok(undated.length > 0, "the plan has yearly duties without a day");
    const page = await signIn(browser, server, users.coordinator);
    await page.getByLabel("Kế hoạch").first().selectOption(PLAN);
    const warning = page.locator(`#matrix .warning[data-year="${thisYear}"]`);
    await warning.locator("strong", { hasText: `${undated.length} nhiệm vụ năm ${thisYear} chưa có thời hạn` }).waitFor();
    const listed = await warning.locator("li").evaluateAll((els) => els.map((e) => e.dataset.task));
    assert.deepEqual(listed.sort(), undated.map((x) => x.id).sort());

    const target = undated.find((x) => x.id.startsWith("la-annual-report/")) ?? undated[0];
    const due = `${thisYear}-12-31`;
    const form = warning.getByRole("form", { name: `Đặt thời hạn: ${target.id}` });
    await form.getByLabel("Hạn").fill(due);
    await form.getByRole("button", { name: "Lưu" }).click();
    await warning.locator(`li[data-task="${target.id}"]`).waitFor({ state: "detached" });
    const task = await server.must(200, "GET", `/v1/tasks/${encodeURIComponent(target.id)}`);
    assert.equal(task.due_on, due);
    const left = undated.length - 1;
    if (left > 0) {
      await warning.locator("strong", { hasText: `${left} nhiệm vụ năm ${thisYear} chưa có thời hạn` }).waitFor();
      await page.getByLabel("Ngôn ngữ").selectOption("en");
      await warning.locator("strong", { hasText: `${left} duties of ${thisYear} have no deadline yet` }).waitFor();
      await page.getByLabel("Language").selectOption("vi");
    } else {
      await warning.waitFor({ state: "detached" });
    }
    await screenshot(page, "coordinator-deadlines");
    assert.deepEqual(page.errors, []);
    await page.close();

    // Another agency's coordinator is told the same, with no date to set.
    if (left > 0) {
      const other = await signIn(browser, server, users.coordinatorNv);
      await other.getByLabel("Kế hoạch").first().selectOption(PLAN);
      const seen = other.locator(`#matrix .warning[data-year="${thisYear}"]`);
      await seen.locator("strong", { hasText: `${left} nhiệm vụ năm ${thisYear} chưa có thời hạn` }).waitFor();
      assert.equal(await seen.getByRole("form").count(), 0);
      await other.close();
    }
  });

  test("the Committee Office proposes, and the approver sees only what awaits them and approves with the day and the signer; the steps say who and when", async () => {
    const filing = (id, agency) => ({
      id, agency, direction: "outbound", partner: "LA", plan: PLAN,
      document: { ref: `${id}/CV`, title: `Biên bản hội đàm ${id}`, classification: "secret" },
      channel: "diplomatic", purpose: "Trao đổi theo Hiệp định",
    });
    await server.must(201, "POST", "/v1/transfers", filing("tr-web-steps", "so-ngoai-vu"), users.officerNv.token);
    // Neither of these awaits the Committee's approver: one still awaits its Office's proposal,
    // the other is the police's, decided by the body they are registered under.
    await server.must(201, "POST", "/v1/transfers", filing("tr-web-unproposed", "so-ngoai-vu"), users.officerNv.token);
    await server.must(201, "POST", "/v1/transfers", filing("tr-web-police", "cong-an-tinh"), users.officerCa.token);

    // The Office is offered the proposal, and told which field it left out.
    const office = await signIn(browser, server, users.office);
    const offered = office.locator('#transfers li[data-transfer="tr-web-steps"]');
    const propose = offered.getByRole("form", { name: "Đề xuất phê duyệt" });
    await propose.getByRole("button", { name: "Đề xuất", exact: true }).click();
    await propose.locator('.error[data-field="police_opinion"]').waitFor();
    assert.equal(await propose.getByLabel("Ý kiến của Công an tỉnh").getAttribute("aria-invalid"), "true");
    await propose.getByLabel("Ý kiến của Công an tỉnh").fill("Công an tỉnh thống nhất chuyển giao");
    await propose.getByRole("button", { name: "Đề xuất", exact: true }).click();
    const proposedStep = offered.locator('li[data-step="proposed"][data-done="true"]');
    await proposedStep.waitFor();
    await propose.waitFor({ state: "detached" });
    assert.match(await proposedStep.innerText(), /van-phong · \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/);
    assert.match(await proposedStep.innerText(), /Công an tỉnh thống nhất chuyển giao/);
    await screenshot(office, "office-proposal");
    assert.deepEqual(office.errors, []);
    await office.close();

    // The approver's list is what awaits them, and nothing else they may see.
    const visible = (await server.must(200, "GET", "/v1/transfers", undefined, users.approver.token)).transfers.map((x) => x.id);
    assert.ok(visible.includes("tr-web-unproposed") && visible.includes("tr-web-police"), visible.join(" "));
    const page = await signIn(browser, server, users.approver);
    const list = page.locator("#transfers");
    const card = list.locator('li[data-transfer="tr-web-steps"]');
    await card.waitFor();
    assert.deepEqual(await list.locator("li[data-transfer]").evaluateAll((els) => els.map((e) => e.dataset.transfer)), ["tr-web-steps"]);

    // The approval's day is today in Vietnam unless changed; a missing signer is named.
    const approve = card.getByRole("form", { name: "Duyệt", exact: true });
    assert.equal(await approve.getByLabel("Ngày phê duyệt").inputValue(), today);
    await approve.getByLabel("Số văn bản phê duyệt").fill("425/QĐ-UBND");
    await approve.getByRole("button", { name: "Duyệt", exact: true }).click();
    await approve.locator('.error[data-field="signed_by"]').waitFor();
    assert.equal(await approve.getByLabel("Người ký").getAttribute("aria-invalid"), "true");
    assert.equal(await approve.getByLabel("Số văn bản phê duyệt").inputValue(), "425/QĐ-UBND");
    await approve.getByLabel("Người ký").fill("Chủ tịch UBND tỉnh");
    await approve.getByRole("button", { name: "Duyệt", exact: true }).click();
    await card.waitFor({ state: "detached" }); // Decided: it awaits nobody now.

    // Everything the approver may see, each transfer with its steps.
    await list.getByLabel("Chỉ hồ sơ chờ tôi xử lý").uncheck();
    const decided = list.locator('li[data-transfer="tr-web-steps"][data-status="approved"]');
    await decided.waitFor();
    const steps = await decided.locator("ol.steps > li").evaluateAll((els) => els.map((e) => [e.dataset.step, e.dataset.done]));
    assert.deepEqual(steps, [["requested", "true"], ["proposed", "true"], ["approved", "true"], ["completed", "false"]]);
    const when = /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/;
    const requested = await decided.locator('li[data-step="requested"]').innerText();
    assert.match(requested, /can-bo-ngoai-vu \(Sở Ngoại vụ\)/);
    assert.match(requested, when);
    const approved = await decided.locator('li[data-step="approved"]').innerText();
    assert.match(approved, /phe-duyet/);
    assert.match(approved, when);
    assert.match(approved, /425\/QĐ-UBND/);
    assert.match(approved, new RegExp(today.split("-").reverse().join("/")));
    assert.match(approved, /Chủ tịch UBND tỉnh/);
    for (const other of ["tr-web-unproposed", "tr-web-police"]) {
      const item = list.locator(`li[data-transfer="${other}"]`);
      await item.waitFor();
      assert.equal(await item.getByRole("form").count(), 0, other);
    }
    await list.locator('li[data-transfer="tr-web-unproposed"] li[data-step="proposed"][data-done="false"]').waitFor();
    await decided.scrollIntoViewIfNeeded();
    await screenshot(page, "approver-steps");

    const answer = await server.must(200, "GET", "/v1/transfers/tr-web-steps");
    assert.equal(answer.approval.approved_on, today);
    assert.equal(answer.approval.signed_by, "Chủ tịch UBND tỉnh");
    assert.equal(answer.approval.by, "phe-duyet");
    assert.equal(answer.proposal.by, "van-phong");
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("a breach's steps show the late one, and the chain moves by its holder, up to the partner", async () => {
    const ID = "inc-web-chain";
    // Discovered three days before it was reported: the report was late.
    await server.must(201, "POST", "/v1/incidents", {
      id: ID, agency: "so-tu-phap", kind: "leak", classification: "confidential", partner: "LA",
      documents: [{ ref: "31/BB-STP", title: "Biên bản hội đàm" }],
      discovered_at: new Date(Date.now() - 3 * 24 * 3600_000).toISOString(), summary: "Lộ nội dung biên bản hội đàm qua thư điện tử",
    }, users.officer.token);
    const open = async (account) => {
      const page = await signIn(browser, server, account);
      await page.locator('a[data-screen="incidents"]').click();
      await page.locator(`#incidents li[data-incident="${ID}"] button`).click();
      return { page, detail: page.locator(`.incident-detail[data-incident="${ID}"]`) };
    };
    const upward = (detail) => detail.getByRole("form", { name: "Báo cáo cấp trên" });
    const finding = async (detail, kind, text) => {
      const form = detail.getByRole("form", { name: "Ghi nhận kết quả" });
      await form.getByLabel("Loại").selectOption(kind);
      await form.getByLabel("Nội dung").fill(text);
      await form.getByRole("button", { name: "Ghi nhận", exact: true }).click();
      await detail.locator(`ul.findings li[data-kind="${kind}"]`).waitFor();
    };

    // A coordinator of an agency the chain does not pass through sees it, and no step to take.
    const other = await open(users.coordinator);
    await other.detail.locator(".no-turn").waitFor();
    assert.equal(await other.detail.getByRole("button", { name: "Tiếp nhận", exact: true }).count(), 0);
    await other.page.close();

    // The police division: the late report is marked, with who and when; it receives.
    const police = await open(users.pa03);
    const report = police.detail.locator('li[data-step="report"]');
    await report.and(police.page.locator('[data-late="true"]')).waitFor();
    const reportText = await report.innerText();
    assert.match(reportText, /Trễ hạn/);
    assert.match(reportText, /can-bo-tu-phap \(Sở Tư pháp\) · \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/);
    assert.match(reportText, /Hạn: \d{2}\/\d{2}\/\d{4}/);
    await police.page.locator(`#incidents li[data-incident="${ID}"][data-late="true"] .st-late`).waitFor();
    assert.equal(await upward(police.detail).count(), 0); // Not received yet: nothing to escalate.
    await police.detail.getByRole("button", { name: "Tiếp nhận", exact: true }).click();
    const received = police.detail.locator('li[data-step="receive"][data-done="true"]');
    await received.waitFor();
    assert.match(await received.innerText(), /pa03/);
    await screenshot(police.page, "incident-steps");

    // Closing before a cause and a remediation are recorded is refused, and said why.
    const close = police.detail.getByRole("form", { name: "Kết thúc vụ việc" });
    await close.getByLabel("Kết luận").fill("Đã xử lý xong");
    await close.getByRole("button", { name: "Kết thúc", exact: true }).click();
    const needs = close.locator(".close-needs");
    await needs.waitFor();
    assert.equal(await needs.getAttribute("data-missing"), "cause remediation");
    assert.match(await needs.innerText(), /nguyên nhân và biện pháp khắc phục/);
    await finding(police.detail, "cause", "Gửi nhầm địa chỉ thư điện tử");

    // The holder escalates to the next office, and then holds it no more.
    assert.equal(await upward(police.detail).getAttribute("data-to"), "ubnd-tinh");
    await upward(police.detail).getByLabel("Nội dung").fill("Tham mưu UBND tỉnh báo cáo Bộ Công an");
    await upward(police.detail).getByRole("button", { name: /^Báo cáo lên / }).click();
    await police.page.locator(`.incident-detail[data-incident="${ID}"][data-holder="ubnd-tinh"]`).waitFor();
    assert.match(await police.detail.locator('li[data-step="committee"][data-done="true"]').innerText(), /pa03/);
    await upward(police.detail).waitFor({ state: "detached" });
    assert.deepEqual(police.page.errors, []);
    await police.page.close();

    // The Committee reports it to the Ministry; it does not investigate, so it closes nothing.
    const committee = await open(users.committee);
    assert.equal(await upward(committee.detail).getAttribute("data-to"), "cuc-anctnb");
    assert.equal(await committee.detail.getByRole("form", { name: "Kết thúc vụ việc" }).count(), 0);
    await upward(committee.detail).getByRole("button", { name: /^Báo cáo lên / }).click();
    const ministry = committee.detail.locator('li[data-step="ministry"][data-done="true"]');
    await ministry.waitFor();
    assert.match(await ministry.innerText(), /ubnd-dieu-phoi/);
    assert.deepEqual(committee.page.errors, []);
    await committee.page.close();

    // The Ministry's department notifies the partner, records the remedy and closes it.
    const a03 = await open(users.a03);
    await finding(a03.detail, "partner_notified", "Đã thông báo cho phía Lào qua kênh ngoại giao");
    assert.match(await a03.detail.locator('li[data-step="partner"][data-done="true"]').innerText(), /a03/);
    await finding(a03.detail, "remediation", "Thu hồi, xóa thư đã gửi nhầm");
    const end = a03.detail.getByRole("form", { name: "Kết thúc vụ việc" });
    await end.getByLabel("Kết luận").fill("Đã khắc phục hậu quả");
    await end.getByRole("button", { name: "Kết thúc", exact: true }).click();
    await a03.page.locator(`.incident-detail[data-incident="${ID}"][data-status="closed"]`).waitFor();
    const steps = await a03.detail.locator("ol.steps > li").evaluateAll((els) => els.map((e) => [e.dataset.step, e.dataset.done]));
    assert.deepEqual(steps, ["report", "receive", "committee", "ministry", "partner"].map((s) => [s, "true"]));
    await screenshot(a03.page, "incident-closed");

    const answer = await server.must(200, "GET", `/v1/incidents/${ID}`);
    assert.equal(answer.status, "closed");
    assert.deepEqual(answer.hops.map((h) => [h.to, h.by.user]), [["ubnd-tinh", "pa03"], ["cuc-anctnb", "ubnd-dieu-phoi"]]);
    assert.deepEqual(a03.page.errors, []);
    await a03.page.close();
  });

  test("the overdue view lists the late breach reports beside the overdue tasks", async () => {
    await server.must(201, "POST", "/v1/incidents", {
      id: "inc-web-late", agency: "so-tu-phap", kind: "at_risk", classification: "confidential",
      documents: [{ ref: "40/CV-STP", title: "Công văn trao đổi" }],
      discovered_at: new Date(Date.now() - 2 * 24 * 3600_000).toISOString(), summary: "Tài liệu mật để ngoài tủ khóa qua đêm",
    }, users.officer.token);
    const page = await signIn(browser, server, users.coordinator);
    const overdue = page.locator("#overdue");
    const row = overdue.locator('table.late-incidents tr[data-incident="inc-web-late"]');
    await row.waitFor();
    assert.equal(await row.getAttribute("data-late-steps"), "report");
    assert.match(await row.innerText(), /Sở Tư pháp/);
    assert.match(await row.innerText(), /Đơn vị phát hiện báo cáo/);
    // Beside the tasks, not instead of them.
    const tasks = overdue.locator("table.overdue");
    await tasks.locator("tbody tr").first().waitFor();
    const [left, right] = [await tasks.boundingBox(), await overdue.locator("table.late-incidents").boundingBox()];
    assert.ok(right.x > left.x + left.width - 1, `${JSON.stringify(left)} ${JSON.stringify(right)}`);
    // A closed one is not late any more; the view and the API agree.
    const listed = (await server.must(200, "GET", "/v1/views/overdue", undefined, users.coordinator.token)).incidents.map((i) => i.incident);
    assert.deepEqual(await overdue.locator("table.late-incidents tbody tr").evaluateAll((els) => els.map((e) => e.dataset.incident)), listed);
    await overdue.scrollIntoViewIfNeeded();
    await screenshot(page, "coordinator-late-incidents");
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("a coordinator plans an inspection and records a finding; the inspected agency's inbox shows both; closing waits for the follow-up", async () => {
    const ID = "kt-web-stp";
    const FOLLOW_UP = `${ID}-f1`;
    const page = await signIn(browser, server, users.coordinator);
    await page.getByLabel("Kế hoạch").first().selectOption(PLAN);
    await page.locator(`table.matrix[data-plan="${PLAN}"][data-year="${thisYear}"]`).waitFor();
    const part = page.locator("#inspections");
    await part.getByRole("button", { name: "Lập kế hoạch kiểm tra" }).click();
    const planForm = part.getByRole("form", { name: "Lập kế hoạch kiểm tra" });
    await planForm.getByLabel("Mã đợt kiểm tra").fill(ID);
    await planForm.getByLabel("Đơn vị được kiểm tra").selectOption("so-tu-phap");
    await planForm.getByLabel("Loại").selectOption("surprise");
    await planForm.getByLabel("Ngày kiểm tra").fill(today);
    await planForm.getByLabel("Đoàn kiểm tra").fill("Nguyễn Văn A\nTrần Thị B");
    await planForm.getByLabel("Nội dung kiểm tra").fill("Việc bảo vệ bí mật nhà nước tại Sở Tư pháp");
    // The coordinator is of the plan's focal agency: the inspection is the plan's by default.
    assert.equal(await planForm.getByLabel(`Thuộc kế hoạch ${PLAN}`).isChecked(), true);
    await planForm.getByRole("button", { name: "Lập kế hoạch" }).click();

    const detail = part.locator(`.inspection-detail[data-inspection="${ID}"]`);
    await detail.and(page.locator('[data-status="planned"]')).waitFor();
    const row = part.locator(`table.inspections tr[data-inspection="${ID}"]`);
    await row.waitFor();
    assert.match(await row.innerText(), /Sở Tư pháp/);
    assert.match(await row.innerText(), /Đột xuất/);

    // A finding with a remedy day opens the follow-up task; the inspection is under way.
    const finding = detail.getByRole("form", { name: "Ghi nhận phát hiện" });
    await finding.getByLabel("Nội dung phát hiện").fill("Máy tính soạn thảo tài liệu mật có kết nối Internet");
    await finding.getByLabel("Mức độ").selectOption("high");
    await finding.getByLabel("Hạn khắc phục").fill(today);
    await finding.getByRole("button", { name: "Ghi nhận" }).click();
    await detail.locator(`ul.follow-ups li[data-task="${FOLLOW_UP}"]`).waitFor();
    await detail.and(page.locator('[data-status="in_progress"][data-open-follow-ups="1"]')).waitFor();
    await row.and(page.locator('[data-open-follow-ups="1"]')).waitFor();
    // The plan's figures for the year, as the annual report counts them.
    const report = await server.must(200, "GET", `/v1/views/annual-report?plan=${PLAN}&year=${thisYear}`, undefined, users.coordinator.token);
    assert.equal(report.inspections.findings, 1);
    const f = report.inspections;
    await part
      .locator(`.inspection-figures dl[data-year="${thisYear}"][data-planned="${f.planned}"][data-findings="${f.findings}"][data-follow-ups-open="${f.follow_ups.open}"]`)
      .waitFor();

    // Closing is refused while the follow-up is open: the server's answer names it.
    const close = detail.getByRole("form", { name: "Kết thúc đợt kiểm tra" });
    await close.getByLabel("Kết luận").fill("Đơn vị đã khắc phục");
    await close.getByRole("button", { name: "Kết thúc đợt kiểm tra" }).click();
    const refusal = close.locator('.error[data-code="conflict"]');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), new RegExp(FOLLOW_UP));
    assert.equal((await server.must(200, "GET", `/v1/inspections/${ID}`)).status, "in_progress");
    await detail.scrollIntoViewIfNeeded();
    await screenshot(page, "coordinator-inspection");

    // The inspected agency's officer sees the inspection and its follow-up in the inbox.
    const officer = await signIn(browser, server, users.officer);
    const open = officer.locator(`#inbox-inspections li[data-inspection="${ID}"]`);
    await open.and(officer.locator('[data-status="in_progress"][data-open-follow-ups="1"]')).waitFor();
    assert.match(await open.innerText(), /Công an tỉnh|cong-an-tinh/);
    await officer.locator(`#inbox li[data-task="${FOLLOW_UP}"]`).waitFor();
    await screenshot(officer, "officer-inspection");
    // Another agency's officer does not.
    const other = await signIn(browser, server, users.officerNv);
    await other.locator('#inbox-inspections ul.cards[data-count]:not([data-count=""])').waitFor({ state: "attached" });
    assert.equal(await other.locator(`#inbox-inspections li[data-inspection="${ID}"]`).count(), 0);

    // Submitted by the inspected agency, the follow-up is approved by the inspecting one (the
    // task's own focal_agency) from the inspection, and then it closes.
    await server.must(200, "POST", `/v1/tasks/${FOLLOW_UP}/acknowledge`, {}, users.officer.token);
    await server.must(200, "POST", `/v1/tasks/${FOLLOW_UP}/submit`, { note: "Đã tháo kết nối", evidence: [{ ref: "01/BC-STP", title: "Báo cáo khắc phục" }] }, users.officer.token);
    const card = detail.locator(`ul.follow-ups li[data-task="${FOLLOW_UP}"][data-status="submitted"]`);
    await card.getByRole("button", { name: "Duyệt" }).click();
    await detail.and(page.locator('[data-open-follow-ups="0"]')).waitFor();
    await close.getByRole("button", { name: "Kết thúc đợt kiểm tra" }).click();
    await detail.and(page.locator('[data-status="closed"]')).waitFor();
    await officer.locator(`#inbox-inspections li[data-inspection="${ID}"]`).waitFor({ state: "detached" });
    assert.deepEqual([...page.errors, ...officer.errors, ...other.errors], []);
    await other.close();
    await officer.close();
    await page.close();
  });

  test("nothing is fetched from another origin", () => {
    assert.deepEqual(browser.foreign, []);
  });
});
