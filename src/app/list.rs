//! The cursor of a scrolling list: which row is selected and which is the first on
//! screen. Shared by the panes' lists so that they all move, page and clamp alike.

/// Selects `row` (clamped to a list `len` rows long) and scrolls so that it is
/// visible in a window `page` rows high, with no empty space below the last row.
pub fn select_row(selected: &mut usize, offset: &mut usize, row: usize, len: usize, page: usize) {
    *selected = row.min(len.saturating_sub(1));
    let page = page.max(1);
    if *selected < *offset {
        *offset = *selected;
    } else if *selected >= *offset + page {
        *offset = *selected + 1 - page;
    }
    *offset = (*offset).min(len.saturating_sub(page));
}

/// Moves the selection by `delta` rows, clamped; nothing on an empty list.
pub fn move_row(selected: &mut usize, offset: &mut usize, delta: isize, len: usize, page: usize) {
    if len == 0 {
        return;
    }
    let to = (*selected as isize + delta).clamp(0, len as isize - 1) as usize;
    select_row(selected, offset, to, len, page);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selection_stays_on_screen_and_the_list_never_scrolls_past_its_end() {
        let (mut sel, mut off) = (0, 0);
        move_row(&mut sel, &mut off, 25, 30, 10);
        assert_eq!((sel, off), (25, 16));
        move_row(&mut sel, &mut off, 100, 30, 10);
        assert_eq!((sel, off), (29, 20));
        move_row(&mut sel, &mut off, -27, 30, 10);
        assert_eq!((sel, off), (2, 2));
        // The list shrank under the cursor.
        select_row(&mut sel, &mut off, 2, 3, 10);
        assert_eq!((sel, off), (2, 0));
        move_row(&mut sel, &mut off, 1, 0, 10);
        assert_eq!((sel, off), (2, 0));
    }
}
