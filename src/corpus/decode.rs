//! Turning a file's bytes into text: UTF-8 (BOM dropped), UTF-16 with a BOM,
//! else Windows-1252; binary files are refused.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::swar;

/// The outcome of decoding one input.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    /// Text, with a note when it was not plain UTF-8 (the note becomes a warning).
    Text {
        /// The decoded text.
        text: String,
        /// Set when decoding had to guess or repair.
        note: Option<&'static str>,
    },
    /// Not text: NUL bytes outside UTF-16, or mostly control characters.
    Binary,
}

/// Share of control bytes above which a file is taken for binary.
const MAX_CONTROL_SHARE: f64 = 0.3;

/// Decodes `bytes`, taking ownership so that valid UTF-8 is not copied.
#[must_use]
pub fn decode(bytes: Vec<u8>) -> Decoded {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        let enc = if bytes[0] == 0xff { UTF_16LE } else { UTF_16BE };
        let (text, had_errors) = enc.decode_with_bom_removal(&bytes);
        let note = had_errors.then_some("invalid UTF-16 sequences replaced with U+FFFD");
        return Decoded::Text { text: text.into_owned(), note };
    }
    if bytes.contains(&0) || mostly_control(&bytes) {
        return Decoded::Binary;
    }
    let bom = if bytes.starts_with(&[0xef, 0xbb, 0xbf]) { 3 } else { 0 };
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            text.drain(..bom);
            Decoded::Text { text, note: None }
        }
        Err(e) => {
            let bytes = e.into_bytes();
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(&bytes[bom..]);
            Decoded::Text { text: text.into_owned(), note: Some("not valid UTF-8; decoded as Windows-1252") }
        }
    }
}

/// Whether control characters (other than tab, newline, form feed and carriage
/// return) make up most of the first 64 KiB.
fn mostly_control(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.is_empty() {
        return false;
    }
    // Eight bytes at a time: this reads every file.
    let words = sample.len() / 8;
    let control = (0..words)
        .filter_map(|w| swar::load(sample, w * 8))
        .map(swar::controls)
        .map(swar::count)
        .sum::<usize>()
        + sample[words * 8..]
            .iter()
            .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
            .count();
    #[allow(clippy::cast_precision_loss)]
    let share = control as f64 / sample.len() as f64;
    share > MAX_CONTROL_SHARE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(d: Decoded) -> (String, Option<&'static str>) {
        match d {
            Decoded::Text { text, note } => (text, note),
            Decoded::Binary => panic!("decoded as binary"),
        }
    }

    #[test]
    fn utf8_is_kept_as_is_and_bom_dropped() {
        assert_eq!(text(decode("Kyiv été\n".into())), ("Kyiv été\n".into(), None));
        let mut with_bom = vec![0xef, 0xbb, 0xbf];
        with_bom.extend_from_slice("Été".as_bytes());
        assert_eq!(text(decode(with_bom)), ("Été".into(), None));
    }

    #[test]
    fn utf16_with_bom_both_endians() {
        let mut le = vec![0xff, 0xfe];
        let mut be = vec![0xfe, 0xff];
        for u in "Añ€".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(text(decode(le)).0, "Añ€");
        assert_eq!(text(decode(be)).0, "Añ€");
    }

    #[test]
    fn invalid_utf8_falls_back_to_windows_1252_with_a_note() {
        // "café " then 0x80 (euro sign in Windows-1252).
        let (t, note) = text(decode(b"caf\xe9 \x80".to_vec()));
        assert_eq!(t, "café €");
        assert!(note.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn nul_bytes_or_control_soup_are_binary() {
        assert_eq!(decode(b"abc\0def".to_vec()), Decoded::Binary);
        assert_eq!(decode(vec![1, 2, 3, 4, b'a', 5, 6]), Decoded::Binary);
        assert!(matches!(decode(b"a\tb\r\nc\x0c".to_vec()), Decoded::Text { .. }));
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(text(decode(Vec::new())), (String::new(), None));
    }
}
