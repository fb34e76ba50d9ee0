//! The 12-week chart as a PNG, legible on a phone, with Chinese labels drawn from a CJK font.
//!
//! The font is found once per process: `stats.font` from the configuration, else the usual
//! places of Noto Sans CJK, WenQuanYi and the system fonts of macOS and Windows. Without one the
//! chart is not drawn (boxes instead of characters help nobody) and `/stats` sends its text only.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ab_glyph::Font;
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};

/// Width and height in pixels.
pub const SIZE: (u32, u32) = (1080, 800);
/// The family name the font is registered under.
const FAMILY: &str = "lianxin-cjk";
/// Where CJK fonts usually are.
const CANDIDATES: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:\\Windows\\Fonts\\msyh.ttc",
];
/// One colour per series, told apart in print and by most colour-blind readers.
const COLOURS: [RGBColor; 6] = [
    RGBColor(0xC8, 0x10, 0x2E),
    RGBColor(0x1F, 0x77, 0xB4),
    RGBColor(0x2C, 0xA0, 0x2C),
    RGBColor(0xFF, 0x7F, 0x0E),
    RGBColor(0x94, 0x67, 0xBD),
    RGBColor(0x17, 0xBE, 0xCF),
];

/// What to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Heading.
    pub title: String,
    /// One label per week, e.g. `11/02`.
    pub weeks: Vec<String>,
    /// Each line: its legend and a percentage per week (none: nothing to count that week).
    pub series: Vec<(String, Vec<Option<f64>>)>,
    /// Said across the chart when there is nothing at all.
    pub empty: String,
}

/// The font in use, once found: its path.
pub fn font(configured: &str) -> Option<&'static Path> {
    static FONT: OnceLock<Option<PathBuf>> = OnceLock::new();
    FONT.get_or_init(|| {
        let configured = (!configured.is_empty()).then(|| PathBuf::from(configured));
        let found = configured
            .into_iter()
            .chain(CANDIDATES.iter().map(PathBuf::from))
            .find_map(|path| register(&path).then_some(path));
        if found.is_none() {
            tracing::warn!(
                "no Chinese font found (set stats.font, or install fonts-noto-cjk): charts are left out"
            );
        }
        found
    })
    .as_deref()
}

/// Registers the font at `path` if it draws Chinese.
fn register(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let draws_chinese = ab_glyph::FontRef::try_from_slice(&bytes)
        .is_ok_and(|f| ['中', '党', '%'].iter().all(|c| f.glyph_id(*c).0 != 0));
    if !draws_chinese {
        tracing::warn!(path = %path.display(), "this font cannot draw Chinese: not used");
        return false;
    }
    // Registered once for the whole process; plotters keeps a static reference.
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    register_font(FAMILY, FontStyle::Normal, bytes).is_ok()
}

/// The chart as PNG bytes; none without a font.
pub fn render(chart: &Chart, font_path: &str) -> Option<Vec<u8>> {
    font(font_path)?;
    let (w, h) = SIZE;
    let mut pixels = vec![255u8; (w * h * 3) as usize];
    if let Err(e) = draw(chart, &mut pixels) {
        tracing::error!(error = %e, "drawing a chart failed");
        return None;
    }
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Balanced);
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&pixels).ok()?;
    writer.finish().ok()?;
    Some(png)
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

fn draw(chart: &Chart, pixels: &mut [u8]) -> DrawResult {
    let (w, h) = SIZE;
    let root = BitMapBackend::with_buffer(pixels, (w, h)).into_drawing_area();
    root.fill(&WHITE)?;
    let legend_rows = chart.series.len().div_ceil(2) as u32;
    let (upper, lower) = root.split_vertically(h - 40 - 52 * legend_rows);
    let n = chart.weeks.len() as i32;
    let mut ctx = ChartBuilder::on(&upper)
        .caption(&chart.title, (FAMILY, 40).into_font().color(&BLACK))
        .margin_top(16)
        .margin_left(16)
        .margin_right(36)
        .x_label_area_size(56)
        .y_label_area_size(88)
        .build_cartesian_2d(0..(n - 1).max(1), 0f64..100f64)?;
    let weeks = chart.weeks.clone();
    ctx.configure_mesh()
        .x_labels(n.max(2) as usize)
        .x_label_formatter(&|x| weeks.get(*x as usize).cloned().unwrap_or_default())
        .y_labels(6)
        .y_label_formatter(&|y| format!("{y:.0}%"))
        .label_style((FAMILY, 24).into_font().color(&RGBColor(60, 60, 60)))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(200, 200, 200))
        .axis_style(RGBColor(120, 120, 120))
        .draw()?;
    let mut any = false;
    for ((_, values), colour) in chart.series.iter().zip(COLOURS.iter().cycle()) {
        let style = colour.stroke_width(5);
        // A gap where a week had nothing to count: lines join only weeks that have a figure.
        let mut run: Vec<(i32, f64)> = Vec::new();
        for (x, v) in values.iter().enumerate() {
            match v {
                Some(v) => run.push((x as i32, v.clamp(0.0, 100.0))),
                None => {
                    ctx.draw_series(LineSeries::new(run.drain(..), style))?;
                }
            }
        }
        ctx.draw_series(LineSeries::new(run, style))?;
        let points = values
            .iter()
            .enumerate()
            .filter_map(|(x, v)| v.map(|v| (x as i32, v.clamp(0.0, 100.0))));
        for p in points {
            any = true;
            ctx.plotting_area()
                .draw(&Circle::new(p, 7, colour.filled()))?;
        }
    }
    if !any {
        let area = ctx.plotting_area();
        area.draw(&Text::new(
            chart.empty.clone(),
            ((n - 1) / 4, 55.0),
            (FAMILY, 34).into_font().color(&RGBColor(120, 120, 120)),
        ))?;
    }
    for (i, ((label, _), colour)) in chart.series.iter().zip(COLOURS.iter().cycle()).enumerate() {
        let x = 40 + (i as i32 % 2) * (w as i32 / 2);
        let y = 24 + (i as i32 / 2) * 52;
        lower.draw(&PathElement::new(
            vec![(x, y + 16), (x + 48, y + 16)],
            colour.stroke_width(6),
        ))?;
        lower.draw(&Circle::new((x + 24, y + 16), 7, colour.filled()))?;
        lower.draw(&Text::new(
            label.clone(),
            (x + 64, y),
            (FAMILY, 30).into_font().color(&BLACK),
        ))?;
    }
    root.present()?;
    Ok(())
}
