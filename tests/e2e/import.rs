//! Rosters sent to the bot as CSV or XLSX files.

use lianxin::domain::Phone;

use crate::harness::*;

fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            // Phone numbers as numbers, the way people type them into Excel.
            match cell.parse::<f64>() {
                Ok(n) if cell.len() == 11 => sheet.write_number(r as u32, c as u16, n).unwrap(),
                _ => sheet.write_string(r as u32, c as u16, *cell).unwrap(),
            };
        }
    }
    book.save_to_buffer().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secretary_sends_a_good_xlsx_and_confirms() {
    let t = TestApp::spawn().await;
    let seed = t.seed().await;
    let file = xlsx(&[
        &["姓名", "手机", "外出", "所在城市", "技能"],
        &["张三", "13800138000", "是", "深圳", "电工"],
        &["李四", "13900139000", "否", "", ""],
    ]);
    t.sim.send_document(
        SEC_XY,
        SEC_XY,
        "向阳村名册.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        file,
        None,
    );
    t.settle().await;
    let preview = t.last_text(SEC_XY);
    assert!(
        preview.contains("共 2 行：新增 2 人，更新 0 人，有问题 0 行"),
        "{preview}"
    );
    assert!(
        t.store()
            .members_of(seed.xiangyang.id)
            .await
            .unwrap()
            .is_empty(),
        "a preview changes nothing"
    );
    t.press(SEC_XY, SEC_XY, "确认导入").await;
    assert!(
        t.last_text(SEC_XY)
            .contains("新增 2 人，更新 0 人，跳过 0 行")
    );
    let members = t.store().members_of(seed.xiangyang.id).await.unwrap();
    assert_eq!(
        members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(),
        ["张三", "李四"]
    );
    assert_eq!(members[0].phone, Some(Phone::parse("13800138000").unwrap()));

    // Sending the same roster again updates and never duplicates.
    let file = xlsx(&[&["姓名", "手机", "外出"], &["张三", "13800138000", "否"]]);
    t.sim.send_document(
        SEC_XY,
        SEC_XY,
        "again.xlsx",
        "application/octet-stream",
        file,
        None,
    );
    t.settle().await;
    assert!(t.last_text(SEC_XY).contains("新增 0 人，更新 1 人"));
    t.press(SEC_XY, SEC_XY, "确认导入").await;
    let members = t.store().members_of(seed.xiangyang.id).await.unwrap();
    assert_eq!(members.len(), 2);
    assert_eq!(members[0].mobility, lianxin::domain::Mobility::Resident);
    assert_eq!(
        members[0].city.as_deref(),
        Some("深圳"),
        "an empty cell keeps what is known"
    );
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_csv_imports_nothing_unless_bad_rows_are_skipped() {
    let t = TestApp::spawn().await;
    let seed = t.seed().await;
    // 赵六's phone already belongs to 和平村.
    let other =
        lianxin::onboarding::roster::read("h.csv", "姓名,手机\n赵六,13600136000\n".as_bytes())
            .unwrap();
    lianxin::onboarding::roster::import(t.store(), &seed.heping, &other, 0, false, |_| {})
        .await
        .unwrap();

    let csv = "name,phone,mobile\n张三,13800138000,yes\n,13900139000,no\n李四,not-a-phone,no\n赵六,13600136000,no\n王五,13800138000,no\n";
    t.sim.send_document(
        SEC_XY,
        SEC_XY,
        "roster.csv",
        "text/csv",
        csv.as_bytes().to_vec(),
        None,
    );
    t.settle().await;
    let preview = t.last_text(SEC_XY);
    for expected in [
        "共 5 行：新增 1 人，更新 0 人，有问题 4 行",
        "第 3 行：缺少姓名",
        "第 4 行：手机号「not-a-phone」无法识别",
        "第 5 行：手机号已属于和平村党支部的党员",
        "第 6 行：手机号与第 2 行重复",
    ] {
        assert!(preview.contains(expected), "{expected:?} in {preview}");
    }
    assert_eq!(
        t.last(SEC_XY).button_texts(),
        vec!["跳过问题行，导入其余", "取消"]
    );
    assert!(
        t.store()
            .members_of(seed.xiangyang.id)
            .await
            .unwrap()
            .is_empty()
    );
    t.press(SEC_XY, SEC_XY, "跳过问题行").await;
    assert!(
        t.last_text(SEC_XY)
            .contains("新增 1 人，更新 0 人，跳过 4 行")
    );
    assert_eq!(
        t.store().members_of(seed.xiangyang.id).await.unwrap().len(),
        1
    );

    // Not a roster at all; and a member sending a file.
    t.sim.send_document(
        SEC_XY,
        SEC_XY,
        "photo.pdf",
        "application/pdf",
        b"%PDF-1.4".to_vec(),
        None,
    );
    t.settle().await;
    assert_eq!(
        t.last_text(SEC_XY),
        "只支持 CSV 和 Excel（.xlsx）格式的名册。旧的 .xls 文件请用 Excel 或 WPS “另存为” .xlsx 后再发送。"
    );
    t.sim.send_document(
        SEC_XY,
        SEC_XY,
        "x.csv",
        "text/csv",
        "手机\n13800138000\n".as_bytes().to_vec(),
        None,
    );
    t.settle().await;
    assert!(t.last_text(SEC_XY).contains("包含「姓名」一栏"));
    t.person(9999, "党员");
    t.sim.send_document(
        9999,
        9999,
        "roster.csv",
        "text/csv",
        csv.as_bytes().to_vec(),
        None,
    );
    t.settle().await;
    assert_eq!(t.last_text(9999), "我暂时不能处理这个文件。");
    t.stop().await;
}
