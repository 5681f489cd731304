//! Ascending id lists with a count per id (postings, forward word lists),
//! packed as the gap to the previous id in LEB128 followed by the count's
//! byte: ids of a list are close together (documents of a common word,
//! words of one article sorted by id), so most gaps take one or two bytes
//! where a `u32` takes four. Lists are read front to back, never searched.

/// Appends the `(id, count)` pairs of one list (ids ascending) to `out`.
pub fn push_list(out: &mut Vec<u8>, pairs: impl IntoIterator<Item = (u32, u8)>) {
    let mut prev = 0;
    for (id, count) in pairs {
        encode(id - prev, count, |b| out.push(b));
        prev = id;
    }
}

/// Bytes [`encode`] writes for a gap and its count.
#[must_use]
pub fn pair_len(gap: u32) -> usize {
    (32 - gap.leading_zeros()).max(1).div_ceil(7) as usize + 1
}

/// Writes one pair, a gap already taken from the list's previous id, at
/// `out[*at..]`, and moves `at` past it: for lists filled out of order into
/// room measured with [`pair_len`].
pub fn write_pair(out: &mut [u8], at: &mut usize, gap: u32, count: u8) {
    encode(gap, count, |b| {
        out[*at] = b;
        *at += 1;
    });
}

/// The bytes of one pair: the gap in LEB128, then the count.
fn encode(mut gap: u32, count: u8, mut put: impl FnMut(u8)) {
    while gap >= 0x80 {
        put(u8::try_from(gap & 0x7f).unwrap_or(0) | 0x80);
        gap >>= 7;
    }
    put(u8::try_from(gap).unwrap_or(0));
    put(count);
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

    #[test]
    fn pairs_written_in_place_take_the_room_measured_and_read_back() {
        let gaps = [0, 1, 127, 128, 16_383, 16_384, 2_097_152, u32::MAX];
        for gap in gaps {
            let mut pushed = Vec::new();
            push_list(&mut pushed, [(gap, 9)]);
            assert_eq!(pair_len(gap), pushed.len(), "gap {gap}");
            let mut room = vec![0; pair_len(gap)];
            let mut at = 0;
            write_pair(&mut room, &mut at, gap, 9);
            assert_eq!((at, room), (pushed.len(), pushed));
        }
    }
}
