//! What a user can ask for: one data type that keys map to, that `config.toml`
//! names, and that the help overlay lists (bound or not).

/// Declares [`Action`] with, for each variant, its config name and its help text,
/// so that the three can never drift apart.
macro_rules! actions {
    ($($variant:ident => $name:literal, $help:literal;)+) => {
        /// A user command. Keys map to these (see the keymap); `update` turns them into
        /// new state. Each has a stable snake_case name for `config.toml`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $(#[doc = $help] $variant,)+
        }

        impl Action {
            /// Every action, in help order: the help overlay lists them all, bound or not.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)+];

            /// The name used in `config.toml` and shown in the help overlay.
            #[must_use]
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)+ }
            }

            /// One line saying what it does, for the help overlay.
            #[must_use]
            pub fn help(self) -> &'static str {
                match self { $(Action::$variant => $help,)+ }
            }
        }
    };
}

actions! {
    Quit => "quit", "Leave kiosque";
    MoveDown => "move_down", "Next article in the list, or scroll the article down a line";
    MoveUp => "move_up", "Previous article in the list, or scroll the article up a line";
    PageDown => "page_down", "Down by half a screen";
    PageUp => "page_up", "Up by half a screen";
    Top => "top", "Go to the first article, or the top of the article";
    Bottom => "bottom", "Go to the last article, or the end of the article";
    SwitchPane => "switch_pane", "Move the focus between the list and the reader";
    Open => "open", "Open the selected article in the reader";
    Back => "back", "End the find, or go back from the reader to the list";
    FocusFilter => "focus_filter", "Type a filter that narrows the list";
    FilterAccept => "filter_accept", "Keep the filter and return to the list";
    FilterCancel => "filter_cancel", "Restore the filter as it was and return";
    FilterClear => "filter_clear", "Clear the filter text";
    HistoryOlder => "history_older", "The previous query from the history (kept across sessions)";
    HistoryNewer => "history_newer", "The next query from the history";
    Find => "find", "Find text inside the open article (does not filter the list)";
    FindAccept => "find_accept", "Keep the find and move through it with n and N";
    FindCancel => "find_cancel", "End the find";
    NextMatch => "next_match", "Next find occurrence, or next filter match in the article";
    PrevMatch => "prev_match", "Previous find occurrence, or previous filter match in the article";
    ToggleEntities => "toggle_entities", "Show or hide entity highlighting";
    NextMention => "next_mention", "Jump to the next entity mention in the article";
    PrevMention => "prev_mention", "Jump to the previous entity mention in the article";
    Help => "help", "Show or hide this help (type to filter it)";
    Views => "views", "List the saved views with their live and new counts";
    SaveView => "save_view", "Save the filter as a named view";
    ViewNameAccept => "view_name_accept", "Save the view under the name typed";
    OpenView => "open_view", "Filter by the selected view (its new articles stop being new)";
    DeleteView => "delete_view", "Delete the selected view";
    ToggleRead => "toggle_read", "Mark read or unread (the selection, or the article)";
    ToggleStar => "toggle_star", "Star or unstar (the selection, or the article)";
    EditLabels => "labels", "Add or remove a label (tab completes existing labels)";
    EditNote => "note", "Write the article's note (ctrl-s saves, esc cancels)";
    Undo => "undo", "Undo the last review action";
    ApplyToFilter => "apply_to_filter", "Apply read, star or a label to every article of the filter";
    SelectRange => "select_range", "Start or end a range selection for x, s and l";
    LabelAccept => "label_accept", "Add the label typed, or remove it when every article has it";
    LabelComplete => "label_complete", "Complete the label from the labels in use";
    NoteSave => "note_save", "Save the note";
    NoteCancel => "note_cancel", "Close the note editor (asks first when it changed)";
    ConfirmYes => "confirm_yes", "Answer yes";
    EntityPanel => "entity_panel", "The article's entities and quotes, and the filter's facets";
    Related => "related", "The articles sharing the most entities with this one";
    Timeline => "timeline", "Articles of the filter per month, week or day";
    LookupAccept => "lookup_accept", "Filter by the selected entity, facet or bar; open the related article";
    SuppressEntity => "suppress_entity", "Entity panel: never report the selected name again (entities.toml)";
    RetagEntity => "retag_entity", "Entity panel: give the selected name another kind (entities.toml)";
    MarkEntity => "mark_entity", "Entity panel: mark the name that another one is merged into";
    MergeEntity => "merge_entity", "Entity panel: merge the selected name into the marked one (entities.toml)";
    CopyArticle => "copy", "Copy the article, or the quote selected in the entity panel (OSC 52, works over SSH)";
    OpenPager => "pager", "Read the article in $PAGER";
    OpenBrowser => "browser", "Open the article's URL in $BROWSER";
    Close => "close", "Close the help, the views, a prompt or a question";
}

impl std::str::FromStr for Action {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Action::ALL.iter().copied().find(|a| a.name() == s).ok_or_else(|| format!("unknown action `{s}`"))
    }
}

#[cfg(test)]
mod tests {
    use super::Action;

    #[test]
    fn names_are_unique_and_round_trip() {
        let mut names: Vec<_> = Action::ALL.iter().map(|a| a.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
        for a in Action::ALL {
            assert_eq!(a.name().parse::<Action>(), Ok(*a));
        }
    }

    #[test]
    fn unknown_names_are_refused() {
        assert!("jump_around".parse::<Action>().unwrap_err().contains("jump_around"));
    }
}
