//! Data updates through the web: only with the token, previewed before anything is written,
//! applied in one transaction, recorded in the audit log and on the public /changes page, and
//! refused from other sites.

use crate::common;

use std::time::{Duration, Instant};

use clusterscope::web::Settings;
use common::TestServer;
use reqwest::multipart::{Form, Part};
use reqwest::redirect::Policy;

const TOKEN: &str = "a-long-enough-admin-token";

fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(Policy::none()).build().unwrap()
}

async fn admin_server() -> TestServer {
    TestServer::start_configured(Settings::default(), Some(TOKEN)).await
}

/// Signs in with the form and returns the session cookie (`name=value`).
async fn sign_in(s: &TestServer) -> String {
    let r = client().post(s.url("/admin/login")).form(&[("token", TOKEN)]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    cookie.split(';').next().unwrap().to_string()
}

const NEW_FIGURE: &str = "city_slug,metric,year,value,unit,source_id,quote\n\
    dalian,it_companies,2030,5000,count,intheblack-dalian,five thousand firms\n";

fn upload(files: &[(&str, &str)], action: &str, reason: &str) -> Form {
    let mut form = Form::new().text("action", action.to_string()).text("reason", reason.to_string());
    for (name, content) in files {
        form = form.part("files", Part::bytes(content.as_bytes().to_vec()).file_name(name.to_string()));
    }
    form
}

#[tokio::test]
async fn without_a_token_there_is_no_admin() {
    let s = TestServer::start().await;
    for (method, path) in
        [("GET", "/admin"), ("POST", "/admin/login"), ("POST", "/admin/import"), ("GET", "/admin/log")]
    {
        let r = client().request(method.parse().unwrap(), s.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 404, "{method} {path}");
    }
}

#[tokio::test]
async fn signing_in_needs_the_token_and_gives_a_locked_down_expiring_cookie() {
    let s = admin_server().await;
    let page = s.get("/admin").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("name=\"token\" type=\"password\""));

    let r = client().post(s.url("/admin/login")).form(&[("token", TOKEN)]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let cookie = r.headers()["set-cookie"].to_str().unwrap();
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/admin", "Max-Age=7200"] {
        assert!(cookie.contains(attribute), "{attribute} in {cookie}");
    }
    assert!(!cookie.contains("Secure"), "not Secure over plain HTTP");

    let wrong = client().post(s.url("/admin/login")).form(&[("token", "guess")]).send().await.unwrap();
    assert_eq!(wrong.status(), 401);
    assert!(wrong.headers().get("set-cookie").is_none());

    // Behind TLS (--hsts) the cookie is Secure.
    let tls = TestServer::start_configured(Settings { hsts: true, ..Settings::default() }, Some(TOKEN)).await;
    let r = client().post(tls.url("/admin/login")).form(&[("token", TOKEN)]).send().await.unwrap();
    assert!(r.headers()["set-cookie"].to_str().unwrap().contains("Secure"));
}

#[tokio::test]
async fn a_forged_or_stale_cookie_is_not_a_session() {
    let s = admin_server().await;
    let cookie = sign_in(&s).await;
    let forged = format!("{}x", cookie);
    let r = client().get(s.url("/admin")).header("cookie", forged).send().await.unwrap();
    assert!(r.text().await.unwrap().contains("Sign in to update data"));
    let signed_in = client().get(s.url("/admin")).header("cookie", &cookie).send().await.unwrap();
    assert!(signed_in.text().await.unwrap().contains("Signed in as admin session"));
    // Signing out ends the session on the server: the old cookie no longer works.
    let out = client().post(s.url("/admin/logout")).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(out.status(), 303);
    let r = client().get(s.url("/admin")).header("cookie", &cookie).send().await.unwrap();
    assert!(r.text().await.unwrap().contains("Sign in to update data"));
    let r = client()
        .post(s.url("/admin/import"))
        .header("cookie", &cookie)
        .multipart(upload(&[("metrics.csv", NEW_FIGURE)], "apply", "x"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

/// Sends `n` sign-ins at once and returns their statuses and `Retry-After` headers.
async fn sign_ins_at_once(s: &TestServer, token: &str, n: usize, forwarded_for: Option<&str>) -> Vec<(u16, String)> {
    let tasks: Vec<_> = (0..n)
        .map(|_| {
            let mut request = client().post(s.url("/admin/login")).form(&[("token", token)]);
            if let Some(address) = forwarded_for {
                request = request.header("x-forwarded-for", address);
            }
            tokio::spawn(async move {
                let r = request.send().await.unwrap();
                let retry = r.headers().get("retry-after").map_or("", |v| v.to_str().unwrap()).to_string();
                (r.status().as_u16(), retry)
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

#[tokio::test]
async fn after_a_wrong_token_the_address_gets_429_at_once_until_its_wait_is_over() {
    let s = admin_server().await;
    assert_eq!(sign_ins_at_once(&s, "wrong", 1, None).await, [(401, String::new())]);

    // Once its 1 s wait is over, twelve wrong guesses at once: one is checked, and its failure
    // closes the address for 2 s before the others are looked at.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let answers = sign_ins_at_once(&s, "wrong", 12, None).await;
    let checked = answers.iter().filter(|a| a.0 == 401).count();
    let refused: Vec<&(u16, String)> = answers.iter().filter(|a| a.0 == 429).collect();
    assert_eq!((checked, refused.len()), (1, 11), "{answers:?}");
    assert!(refused.iter().all(|a| a.1 == "2"), "the second failure closes the address for 2 s: {answers:?}");

    // Right after, twelve sign-ins at once, even with the right token: each answered 429 at
    // once with Retry-After, none checked, no request kept waiting.
    let started = Instant::now();
    let answers = sign_ins_at_once(&s, TOKEN, 12, None).await;
    assert!(answers.iter().all(|a| a.0 == 429 && ["1", "2"].contains(&a.1.as_str())), "{answers:?}");
    assert!(started.elapsed() < Duration::from_millis(900), "answered after {:?}", started.elapsed());

    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(sign_ins_at_once(&s, TOKEN, 1, None).await[0].0, 303, "then the token signs in");
    // And the address starts afresh.
    assert_eq!(sign_ins_at_once(&s, "wrong", 1, None).await[0], (401, String::new()));
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_wait() {
    let localhost: std::net::IpAddr = "127.0.0.1".parse().unwrap();
    let behind_proxy = Settings { trusted_proxies: vec![localhost], ..Settings::default() };
    let s = TestServer::start_configured(behind_proxy, Some(TOKEN)).await;
    assert_eq!(sign_ins_at_once(&s, "wrong", 1, Some("198.51.100.7")).await[0].0, 401);
    assert_eq!(sign_ins_at_once(&s, "wrong", 1, Some("198.51.100.7")).await[0].0, 429);
    // The proxy appends the address it saw; what a client wrote before it is not trusted.
    assert_eq!(sign_ins_at_once(&s, "wrong", 1, Some("198.51.100.8, 198.51.100.7")).await[0].0, 429);
    assert_eq!(sign_ins_at_once(&s, TOKEN, 1, Some("198.51.100.7, 198.51.100.8")).await[0].0, 303);

    // Without --trusted-proxy the header is ignored: every request is the connection's address.
    let s = admin_server().await;
    assert_eq!(sign_ins_at_once(&s, "wrong", 1, Some("198.51.100.7")).await[0].0, 401);
    assert_eq!(sign_ins_at_once(&s, TOKEN, 1, Some("198.51.100.8")).await[0].0, 429);
}

#[tokio::test]
async fn a_preview_writes_nothing_and_apply_writes_once_with_an_audit_entry() {
    let s = admin_server().await;
    let cookie = sign_in(&s).await;
    let before = common::snapshot(&s.pool).await;

    let preview = client()
        .post(s.url("/admin/import"))
        .header("cookie", &cookie)
        .multipart(upload(&[("metrics.csv", NEW_FIGURE)], "preview", "New 2030 company count"))
        .send()
        .await
        .unwrap();
    assert_eq!(preview.status(), 200);
    let page = preview.text().await.unwrap();
    assert!(page.contains("Preview: nothing written yet"));
    assert!(page.contains("<code>dalian/it_companies/2030/intheblack-dalian</code>"));
    assert_eq!(common::snapshot(&s.pool).await, before, "a preview writes nothing");
    let upload_id = page.split("name=\"upload\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();

    let apply =
        Form::new().text("action", "apply").text("upload", upload_id.clone()).text("reason", "New 2030 company count");
    let applied =
        client().post(s.url("/admin/import")).header("cookie", &cookie).multipart(apply).send().await.unwrap();
    assert_eq!(applied.status(), 200);
    assert!(applied.text().await.unwrap().contains("data version 2"));
    assert_eq!(clusterscope::db::data_version(&s.pool).await.unwrap(), 2);

    // The same preview cannot be applied twice.
    let again = Form::new().text("action", "apply").text("upload", upload_id).text("reason", "again");
    let r = client().post(s.url("/admin/import")).header("cookie", &cookie).multipart(again).send().await.unwrap();
    assert_eq!(r.status(), 400);

    let log = client().get(s.url("/admin/log")).header("cookie", &cookie).send().await.unwrap().text().await.unwrap();
    assert!(log.contains("By admin session"), "the audit log names the session");
    assert!(log.contains("dalian/it_companies/2030/intheblack-dalian"));
    let public = s.get("/changes").await;
    assert!(public.body.contains("New 2030 company count"), "readers see why");
    assert!(public.body.contains("data version 2"));
    assert!(!public.body.contains("admin session"), "but not who");
}

#[tokio::test]
async fn a_bad_upload_lists_every_problem_with_its_location_and_changes_nothing() {
    let s = admin_server().await;
    let cookie = sign_in(&s).await;
    let before = common::snapshot(&s.pool).await;
    let bad = "city_slug,metric,year,value,unit,source_id,quote\n\
               atlantis,it_companies,2030,5,count,intheblack-dalian,q\n\
               dalian,gdp,2030,5,count,intheblack-dalian,q\n";
    for action in ["preview", "apply"] {
        let r = client()
            .post(s.url("/admin/import"))
            .header("cookie", &cookie)
            .multipart(upload(&[("metrics.csv", bad)], action, "bad data"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "{action}");
        let page = r.text().await.unwrap();
        assert!(page.contains("2 problems"), "{action}");
        assert!(page.contains("<td>metrics.csv</td><td class=\"num\">2</td><td><code>city_slug</code></td>"));
        assert!(page.contains("<td>metrics.csv</td><td class=\"num\">3</td><td><code>metric</code></td>"));
        assert!(!page.contains("Apply these changes"));
    }
    assert_eq!(common::snapshot(&s.pool).await, before);
}

#[tokio::test]
async fn api_clients_use_a_bearer_token_a_zip_and_get_json() {
    let s = admin_server().await;
    let mut zip = std::io::Cursor::new(Vec::new());
    {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(&mut zip);
        w.start_file("dataset/metrics.csv", zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(NEW_FIGURE.as_bytes()).unwrap();
        w.finish().unwrap();
    }
    let form = Form::new()
        .text("action", "apply")
        .text("reason", "via the API")
        .part("files", Part::bytes(zip.into_inner()).file_name("update.zip"));
    let r = client()
        .post(s.url("/admin/import"))
        .bearer_auth(TOKEN)
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let v: serde_json::Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    assert_eq!(v["report"]["applied"], true);
    assert_eq!(v["report"]["files"][0]["new"], 1);

    let wrong = client()
        .post(s.url("/admin/import"))
        .bearer_auth("not-the-token")
        .header("accept", "application/json")
        .multipart(upload(&[("metrics.csv", NEW_FIGURE)], "apply", "x"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    assert_eq!(wrong.headers()["www-authenticate"], "Bearer");
}

#[tokio::test]
async fn requests_from_other_sites_cannot_change_anything() {
    let s = admin_server().await;
    let cookie = sign_in(&s).await;
    for (header, value) in [("sec-fetch-site", "cross-site"), ("origin", "https://evil.example")] {
        let r = client()
            .post(s.url("/admin/import"))
            .header("cookie", &cookie)
            .header(header, value)
            .multipart(upload(&[("metrics.csv", NEW_FIGURE)], "apply", "csrf"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{header}: {value}");
        let r =
            client().post(s.url("/admin/logout")).header("cookie", &cookie).header(header, value).send().await.unwrap();
        assert_eq!(r.status(), 403);
    }
    assert_eq!(clusterscope::db::data_version(&s.pool).await.unwrap(), 1);
}

#[tokio::test]
async fn uploads_have_a_size_limit_and_other_routes_take_no_body() {
    let limits = clusterscope::config::Limits { max_upload_mb: 1, ..Default::default() };
    let s = TestServer::start_configured(Settings { limits, ..Settings::default() }, Some(TOKEN)).await;
    let big = "x".repeat(2 * 1024 * 1024);
    let r = client()
        .post(s.url("/admin/import"))
        .bearer_auth(TOKEN)
        .multipart(upload(&[("metrics.csv", &big)], "preview", "big"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);

    let r = client().get(s.url("/cities")).body("unexpected").send().await.unwrap();
    assert_eq!(r.status(), 413, "a public page takes no body");
    let r = client().post(s.url("/cities")).send().await.unwrap();
    assert_eq!(r.status(), 405);
}

/// A zip holding one file of `bytes` bytes that compress to almost nothing.
fn zip_of_one(name: &str, bytes: usize) -> Vec<u8> {
    use std::io::Write;
    let mut zip = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut zip);
    w.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
    w.write_all(&vec![b'a'; bytes]).unwrap();
    w.finish().unwrap();
    zip.into_inner()
}

#[tokio::test]
async fn one_unpack_budget_covers_every_zip_and_file_of_an_upload() {
    // With 1 MB uploads, an upload may unpack to 4 MB in all.
    let limits = clusterscope::config::Limits { max_upload_mb: 1, ..Default::default() };
    let s = TestServer::start_configured(Settings { limits, ..Settings::default() }, Some(TOKEN)).await;
    let names = ["sources.csv", "cities.csv", "parks.csv", "companies.csv", "metrics.csv"];
    let send = |files: Vec<(String, Vec<u8>)>| {
        let mut form = Form::new().text("action", "preview");
        for (name, bytes) in files {
            form = form.part("files", Part::bytes(bytes).file_name(name));
        }
        client().post(s.url("/admin/import")).bearer_auth(TOKEN).multipart(form).send()
    };
    // Five zips of 1 MB each: each alone is within the budget, together they are not.
    let five: Vec<(String, Vec<u8>)> =
        names.iter().enumerate().map(|(i, n)| (format!("part{i}.zip"), zip_of_one(n, 1024 * 1024))).collect();
    assert!(five.iter().map(|(_, z)| z.len()).sum::<usize>() < 100_000, "the zips are small");
    let r = send(five).await.unwrap();
    assert_eq!(r.status(), 413);
    let page = r.text().await.unwrap();
    assert!(page.contains("unpacks to more than 4 MB"), "{page}");
    assert!(page.contains("<title>413"), "the site's own error page");

    // Plain files count too: a 700 KB file and zips of 1.2 MB each go past 4 MB at the fourth.
    let mut mixed = vec![("sources.csv".to_string(), vec![b'a'; 700 * 1024])];
    mixed.extend(names[1..].iter().map(|n| (format!("{n}.zip"), zip_of_one(n, 1200 * 1024))));
    assert_eq!(send(mixed).await.unwrap().status(), 413);

    // Within the budget the upload is read (and here refused by the importer, not the size).
    let within: Vec<(String, Vec<u8>)> =
        names[..3].iter().map(|n| (format!("{n}.zip"), zip_of_one(n, 1024 * 1024))).collect();
    assert_eq!(send(within).await.unwrap().status(), 422);
}

#[tokio::test]
async fn the_bearer_scheme_is_case_insensitive() {
    let s = admin_server().await;
    for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
        let r = client().get(s.url("/admin/log")).header("authorization", format!("{scheme} {TOKEN}")).send().await;
        assert_eq!(r.unwrap().status(), 200, "{scheme}");
    }
    // Another scheme is no token: refused, and counted like a wrong one.
    let r = client().get(s.url("/admin/log")).header("authorization", format!("Basic {TOKEN}")).send().await;
    assert_eq!(r.unwrap().status(), 401);
}

#[tokio::test]
async fn no_admin_answer_may_be_stored_by_a_browser_or_proxy() {
    let limits = clusterscope::config::Limits { max_upload_mb: 1, ..Default::default() };
    let s = TestServer::start_configured(Settings { limits, ..Settings::default() }, Some(TOKEN)).await;
    let cookie = sign_in(&s).await;
    let big = "x".repeat(2 * 1024 * 1024);
    let answers = vec![
        ("sign-in page", client().get(s.url("/admin")).send().await),
        ("console", client().get(s.url("/admin")).header("cookie", &cookie).send().await),
        ("log", client().get(s.url("/admin/log")).header("cookie", &cookie).send().await),
        ("signed in", client().post(s.url("/admin/login")).form(&[("token", TOKEN)]).send().await),
        ("wrong token", client().post(s.url("/admin/login")).form(&[("token", "wrong")]).send().await),
        ("too soon", client().post(s.url("/admin/login")).form(&[("token", "wrong")]).send().await),
        (
            "preview",
            client()
                .post(s.url("/admin/import"))
                .header("cookie", &cookie)
                .multipart(upload(&[("metrics.csv", NEW_FIGURE)], "preview", "x"))
                .send()
                .await,
        ),
        (
            "too large",
            client()
                .post(s.url("/admin/import"))
                .header("cookie", &cookie)
                .multipart(upload(&[("metrics.csv", &big)], "preview", "x"))
                .send()
                .await,
        ),
        ("cross-site", client().post(s.url("/admin/logout")).header("sec-fetch-site", "cross-site").send().await),
        ("no such page", client().get(s.url("/admin/nothing")).send().await),
    ];
    let mut statuses = Vec::new();
    for (what, answer) in answers {
        let answer = answer.unwrap();
        statuses.push(answer.status().as_u16());
        assert_eq!(answer.headers().get("cache-control").map(|v| v.to_str().unwrap()), Some("no-store"), "{what}");
    }
    assert_eq!(statuses, [200, 200, 200, 303, 401, 429, 200, 413, 403, 404]);
}
