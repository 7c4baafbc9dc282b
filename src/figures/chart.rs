//! The figures as a picture for a phone: per group, the share of appointments attended and the share
//! of children warned, as bars with their percentages. Drawn with embedded-graphics (its bitmap
//! fonts cover Welsh through ISO 8859-14) and written as PNG.

use embedded_graphics::Drawable;
use embedded_graphics::mono_font::MonoTextStyle;
use embedded_graphics::mono_font::iso_8859_14::{FONT_9X15, FONT_10X20};
use embedded_graphics::pixelcolor::{Rgb888, RgbColor};
use embedded_graphics::prelude::{DrawTarget, OriginDimensions, Pixel, Point, Primitive, Size};
use embedded_graphics::primitives::{PrimitiveStyle, Rectangle};
use embedded_graphics::text::Text;

use crate::domain::figures::{Counts, is_suppressed};

/// The words on the chart, already in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    pub title: String,
    pub attended: String,
    pub warned: String,
    pub suppressed: String,
}

const WIDTH: u32 = 720;
const LEFT: i32 = 16;
const BAR_LEFT: i32 = 230;
const BAR_MAX: u32 = 380;
const ROW: i32 = 64;
const TOP: i32 = 56;
const GREEN: Rgb888 = Rgb888::new(0x2e, 0x7d, 0x32);
const ORANGE: Rgb888 = Rgb888::new(0xef, 0x6c, 0x00);
const INK: Rgb888 = Rgb888::new(0x21, 0x21, 0x21);

struct Canvas {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
}

impl Canvas {
    fn new(width: u32, height: u32) -> Self {
        Self { width, height, rgb: vec![0xff; (width * height * 3) as usize] }
    }
}

impl OriginDimensions for Canvas {
    fn size(&self) -> Size {
        Size::new(self.width, self.height)
    }
}

impl DrawTarget for Canvas {
    type Color = Rgb888;
    type Error = std::convert::Infallible;

    fn draw_iter<I: IntoIterator<Item = Pixel<Rgb888>>>(&mut self, pixels: I) -> Result<(), Self::Error> {
        for Pixel(point, color) in pixels {
            let (Ok(x), Ok(y)) = (u32::try_from(point.x), u32::try_from(point.y)) else { continue };
            if x < self.width && y < self.height {
                let at = ((y * self.width + x) * 3) as usize;
                self.rgb[at..at + 3].copy_from_slice(&[color.r(), color.g(), color.b()]);
            }
        }
        Ok(())
    }
}

/// A share in per cent, or `None` when the numbers are too small to show.
fn share(part: i64, whole: i64) -> Option<f64> {
    (whole >= 3 && !is_suppressed(part)).then(|| 100.0 * part as f64 / whole as f64)
}

fn write(canvas: &mut Canvas, text: &str, at: Point, style: MonoTextStyle<'_, Rgb888>) {
    // Characters the font does not have are drawn as '?', never dropped silently.
    let _ = Text::new(text, at, style).draw(canvas);
}

fn bar(canvas: &mut Canvas, y: i32, value: Option<f64>, color: Rgb888, suppressed: &str) {
    let small = MonoTextStyle::new(&FONT_9X15, INK);
    match value {
        Some(percent) => {
            let length = ((percent / 100.0) * f64::from(BAR_MAX)).round().clamp(0.0, f64::from(BAR_MAX)) as u32;
            let _ = Rectangle::new(Point::new(BAR_LEFT, y), Size::new(length.max(1), 18))
                .into_styled(PrimitiveStyle::with_fill(color))
                .draw(canvas);
            write(canvas, &format!("{percent:.0}%"), Point::new(BAR_LEFT + length as i32 + 6, y + 14), small);
        }
        None => write(canvas, suppressed, Point::new(BAR_LEFT, y + 14), small),
    }
}

/// The chart as PNG bytes: one pair of bars a group.
pub fn attendance_and_warnings(groups: &[(String, Counts)], labels: &Labels) -> Vec<u8> {
    let rows = groups.len().max(1) as i32;
    let height = (TOP + rows * ROW + 56) as u32;
    let mut canvas = Canvas::new(WIDTH, height);
    let big = MonoTextStyle::new(&FONT_10X20, INK);
    let small = MonoTextStyle::new(&FONT_9X15, INK);
    write(&mut canvas, &labels.title, Point::new(LEFT, 30), big);
    for (i, (group, counts)) in groups.iter().enumerate() {
        let y = TOP + i as i32 * ROW;
        write(&mut canvas, group, Point::new(LEFT, y + 24), big);
        // A group of one or two children gets no bars: they could be picked out.
        let big_enough = !is_suppressed(counts.children);
        let attended = share(counts.came + counts.late, counts.scheduled).filter(|_| big_enough);
        let warned = share(counts.children_warned, counts.children).filter(|_| big_enough);
        bar(&mut canvas, y + 4, attended, GREEN, &labels.suppressed);
        bar(&mut canvas, y + 28, warned, ORANGE, &labels.suppressed);
    }
    let legend = TOP + rows * ROW + 16;
    for (i, (color, text)) in [(GREEN, &labels.attended), (ORANGE, &labels.warned)].into_iter().enumerate() {
        let x = LEFT + i as i32 * 350;
        let _ = Rectangle::new(Point::new(x, legend), Size::new(18, 18))
            .into_styled(PrimitiveStyle::with_fill(color))
            .draw(&mut canvas);
        write(&mut canvas, text, Point::new(x + 26, legend + 14), small);
    }
    encode(&canvas)
}

fn encode(canvas: &Canvas) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, canvas.width, canvas.height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    // Writing into memory cannot fail for a well-formed image of this size.
    let mut writer = encoder.write_header().expect("a PNG header for an in-memory image");
    writer.write_image_data(&canvas.rgb).expect("PNG data for an in-memory image");
    drop(writer);
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Labels {
        Labels {
            title: "Attendance and warnings by ethnicity".into(),
            attended: "attended".into(),
            warned: "warned".into(),
            suppressed: "fewer than 3".into(),
        }
    }

    #[test]
    fn the_chart_is_a_png_that_decodes_at_phone_width() {
        let groups = vec![
            (
                "white".to_owned(),
                Counts { children: 5, scheduled: 10, came: 8, children_warned: 1, ..Counts::default() },
            ),
            (
                "black".to_owned(),
                Counts { children: 4, scheduled: 8, came: 4, children_warned: 3, ..Counts::default() },
            ),
        ];
        let png = attendance_and_warnings(&groups, &labels());
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let reader = decoder.read_info().unwrap();
        let info = reader.info();
        assert_eq!(info.width, WIDTH);
        assert_eq!(info.height, (TOP + 2 * ROW + 56) as u32);
    }

    #[test]
    fn small_groups_draw_no_bar() {
        assert_eq!(share(1, 10), None);
        assert_eq!(share(3, 2), None);
        assert_eq!(share(0, 4), Some(0.0));
        assert_eq!(share(3, 4), Some(75.0));
    }
}
