//! A subtitle (`subtitle::Subtitle`) to and from JavaScript, as lib/subtitle.js exchanges it:
//! `[format, startDisplayTime, endDisplayTime, pts, rects]`, each rectangle
//! `[type, x, y, width, height, flags, text, ass, bitmap, palette]` (the bitmap and palette as
//! bytes: an ArrayBuffer going out, a Uint8Array coming in; null for text).

use crate::error::{Error, Result};
use crate::js::sys::{Env, Value};
use crate::subtitle::{Rect, RectKind, Subtitle};

use super::ToJs;

fn fail() -> Error {
    Error::out_of_memory("Could not hand over the subtitle")
}

fn list(env: Env, items: &[Value]) -> Result<Value> {
    let array = env.array(items.len()).ok_or_else(fail)?;
    for (i, item) in items.iter().enumerate() {
        env.set_element(array, i as u32, *item);
    }
    Ok(array)
}

fn bytes(env: Env, bytes: &[u8], present: bool) -> Result<Value> {
    if !present {
        return Ok(env.null());
    }
    env.arraybuffer_copy(bytes).ok_or_else(fail)
}

impl ToJs for &Rect {
    fn to_js(self, env: Env) -> Result<Value> {
        let bitmap = self.kind == Some(RectKind::Bitmap);
        let palette: Vec<u8> = self.palette.iter().flat_map(|c| c.to_ne_bytes()).collect();
        list(
            env,
            &[
                self.kind.map_or("none", RectKind::name).to_js(env)?,
                env.number(self.x as f64),
                env.number(self.y as f64),
                env.number(self.width as f64),
                env.number(self.height as f64),
                env.number(self.flags as f64),
                self.text
                    .as_deref()
                    .map_or(Ok(env.null()), |t| t.to_js(env))?,
                self.ass
                    .as_deref()
                    .map_or(Ok(env.null()), |t| t.to_js(env))?,
                bytes(env, &self.bitmap, bitmap)?,
                bytes(env, &palette, bitmap)?,
            ],
        )
    }
}

impl ToJs for &Subtitle {
    fn to_js(self, env: Env) -> Result<Value> {
        let rects = self
            .rects
            .iter()
            .map(|r| r.to_js(env))
            .collect::<Result<Vec<_>>>()?;
        list(
            env,
            &[
                env.number(self.format as f64),
                env.number(self.start as f64),
                env.number(self.end as f64),
                env.number(self.pts as f64),
                list(env, &rects)?,
            ],
        )
    }
}

fn element(env: Env, array: Value, i: u32) -> Result<Value> {
    env.get_element(array, i)
        .ok_or_else(|| Error::Type("The subtitle could not be read".into()))
}

fn number(env: Env, array: Value, i: u32, what: &str) -> Result<f64> {
    env.number_of(element(env, array, i)?)
        .ok_or_else(|| Error::Type(format!("The subtitle's {what} must be a number")))
}

fn text(env: Env, array: Value, i: u32, what: &str) -> Result<Option<String>> {
    let value = element(env, array, i)?;
    if env.is_nullish(value) {
        return Ok(None);
    }
    env.string_of(value)
        .map(Some)
        .ok_or_else(|| Error::Type(format!("The subtitle's {what} must be a string")))
}

fn byte_list(env: Env, array: Value, i: u32, what: &str) -> Result<Vec<u8>> {
    let value = element(env, array, i)?;
    if env.is_nullish(value) {
        return Ok(Vec::new());
    }
    env.with_bytes(value, |b| b.to_vec())
        .ok_or_else(|| Error::Type(format!("The subtitle's {what} must be a typed array")))
}

/// Reads an integer in `min..=max`.
fn int(env: Env, array: Value, i: u32, what: &str, min: f64, max: f64) -> Result<f64> {
    let n = number(env, array, i, what)?;
    if n.fract() != 0.0 || n < min || n > max {
        return Err(Error::Range(format!(
            "The subtitle's {what} must be an integer from {min} to {max}"
        )));
    }
    Ok(n)
}

fn rect(env: Env, array: Value) -> Result<Rect> {
    let kind_name = text(env, array, 0, "rectangle type")?.unwrap_or_default();
    let kind = RectKind::parse(&kind_name).ok_or_else(|| {
        Error::Type(format!(
            "A subtitle rectangle's type is 'text', 'ass' or 'bitmap', not {kind_name:?}"
        ))
    })?;
    let coordinate = |i, what| int(env, array, i, what, 0.0, 65535.0).map(|n| n as i32);
    let palette = byte_list(env, array, 9, "palette")?;
    Ok(Rect {
        kind: Some(kind),
        x: coordinate(1, "x")?,
        y: coordinate(2, "y")?,
        width: coordinate(3, "width")?,
        height: coordinate(4, "height")?,
        flags: int(env, array, 5, "flags", 0.0, i32::MAX as f64)? as i32,
        text: text(env, array, 6, "text")?,
        ass: text(env, array, 7, "ass")?,
        bitmap: byte_list(env, array, 8, "bitmap")?,
        palette: palette
            .chunks_exact(4)
            .map(|c| u32::from_ne_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
    })
}

/// The subtitle lib/subtitle.js passes (the list above).
pub fn from_js(env: Env, value: Value) -> Result<Subtitle> {
    if env.array_length(value).is_none() {
        return Err(Error::Type("subtitle must be a Subtitle".into()));
    }
    let rects = element(env, value, 4)?;
    let count = env
        .array_length(rects)
        .ok_or_else(|| Error::Type("The subtitle's rects must be an array".into()))?;
    let mut list = Vec::with_capacity(count as usize);
    for i in 0..count {
        list.push(rect(env, element(env, rects, i)?)?);
    }
    Ok(Subtitle {
        format: int(env, value, 0, "format", 0.0, 1.0)? as u16,
        start: int(env, value, 1, "startDisplayTime", 0.0, u32::MAX as f64)? as u32,
        end: int(env, value, 2, "endDisplayTime", 0.0, u32::MAX as f64)? as u32,
        pts: int(env, value, 3, "pts", -(2f64.powi(63)), 2f64.powi(63))? as i64,
        rects: list,
    })
}
