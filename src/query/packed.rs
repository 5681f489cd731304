//! Ascending id lists with a count per id (postings, forward word lists),
//! packed as the gap to the previous id in LEB128 followed by the count's
//! byte: ids of a list are close together (documents of a common word,
//! words of one article sorted by id), so most gaps take one or two bytes
//! where a `u32` takes four. Lists are read front to back, never searched.

/// Appends the `(id, count)` pairs of one list (ids ascending) to `out`.
pub fn push_list(out: &mut Vec<u8>, pairs: impl IntoIterator<Item = (u32, u8)>) {
    let mut prev = 0;
    for (id, count) in pairs {
        let mut gap = id - prev;
        prev = id;
        while gap >= 0x80 {
            out.push(u8::try_from(gap & 0x7f).unwrap_or(0) | 0x80);
            gap >>= 7;
        }
        out.push(u8::try_from(gap).unwrap_or(0));
        out.push(count);
    }
}

/// The `(id, count)` pairs of a list packed by [`push_list`].
pub fn read_list(bytes: &[u8]) -> impl Iterator<Item = (u32, u8)> + '_ {
    let mut at = 0;
    let mut prev = 0u32;
    std::iter::from_fn(move || {
        let mut gap = 0u32;
        let mut shift = 0;
        loop {
            let b = *bytes.get(at)?;
            at += 1;
            gap |= u32::from(b & 0x7f) << shift;
            if b < 0x80 {
                break;
            }
            shift += 7;
        }
        let count = *bytes.get(at)?;
        at += 1;
        prev += gap;
        Some((prev, count))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_back_as_written_and_small_gaps_take_two_bytes() {
        let lists: [&[(u32, u8)]; 4] = [
            &[],
            &[(0, 1), (1, 255), (2, 3)],
            &[(127, 1), (128, 2), (300, 3), (70_000, 4), (u32::MAX, 5)],
            &[(5, 0)],
        ];
        let mut packed = Vec::new();
        let mut ends = Vec::new();
        for l in lists {
            push_list(&mut packed, l.iter().copied());
            ends.push(packed.len());
        }
        let mut start = 0;
        for (l, end) in lists.iter().zip(ends) {
            assert_eq!(read_list(&packed[start..end]).collect::<Vec<_>>(), *l);
            start = end;
        }
        let mut small = Vec::new();
        push_list(&mut small, lists[1].iter().copied());
        assert_eq!(small.len(), 6, "one byte per gap below 128, one per count");
    }
}
