//! A keyboard-only form: labelled one-line fields, one in focus, each with the error
//! found when it was last checked. Pure state; no terminal, no domain rules (the
//! concrete forms and their parsing live in `forms`).
//!
//! What was typed is never lost: errors are kept beside the text, never instead of it.

use super::text_input::TextInput;
use crate::domain::ops::OpError;
use crate::i18n::Lang;
use crate::keymap::{Code, Key};

/// The choices of a `Choice` field: (code, Japanese word).
pub type Choices = &'static [(&'static str, &'static str)];

/// What a field holds, which decides how keys edit it and how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// A note: one line as typed (`;` is plain text); line breaks already in the
    /// record are kept and shown as `↵`.
    Note,
    /// A date: ISO or an era form.
    Date,
    /// One of a closed list. Left/Right or Space cycle through the codes; a code or
    /// Japanese word may also be typed.
    Choice(Choices),
    /// `yes` or `no`: Space (or Left/Right) toggles, `y`/`n` set.
    YesNo,
    /// A whole number.
    Number,
}

/// One labelled field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormField {
    /// The name errors use for this input (`OpError::field`, `Violation::column`).
    pub key: &'static str,
    pub label_en: &'static str,
    pub label_ja: &'static str,
    pub input: TextInput,
    pub kind: FieldKind,
    /// Why the value was refused at the last check.
    pub error: Option<String>,
    /// A short help shown while the field has focus: (English, Japanese).
    pub hint: Option<(&'static str, &'static str)>,
    /// Must not be empty (drawn with a `*`).
    pub required: bool,
    /// Shown but not editable (the id of a record being edited); focus skips it.
    pub locked: bool,
}

impl FormField {
    /// A field holding `value`, with no hint, optional and editable.
    pub fn new(
        key: &'static str,
        (label_en, label_ja): (&'static str, &'static str),
        kind: FieldKind,
        value: &str,
    ) -> FormField {
        let mut input = TextInput::default();
        input.set(value);
        FormField {
            key,
            label_en,
            label_ja,
            input,
            kind,
            error: None,
            hint: None,
            required: false,
            locked: false,
        }
    }

    pub fn hint(mut self, hint: (&'static str, &'static str)) -> FormField {
        self.hint = Some(hint);
        self
    }

    pub fn required(mut self) -> FormField {
        self.required = true;
        self
    }

    pub fn locked(mut self, locked: bool) -> FormField {
        self.locked = locked;
        self
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        if lang.is_ja() {
            self.label_ja
        } else {
            self.label_en
        }
    }

    pub fn value(&self) -> &str {
        self.input.text()
    }

    /// The hint in the language.
    pub fn hint_text(&self, lang: Lang) -> Option<&'static str> {
        self.hint.map(|(en, ja)| if lang.is_ja() { ja } else { en })
    }

    /// For a `Choice` field, the index of the choice the text names (code or
    /// Japanese word, ASCII case and full-width letters ignored).
    pub fn choice_index(&self) -> Option<usize> {
        let FieldKind::Choice(choices) = self.kind else {
            return None;
        };
        let t = crate::domain::vocab::fold(self.input.text());
        choices
            .iter()
            .position(|(code, ja)| t == *code || t == crate::domain::vocab::fold(ja))
    }

    /// For a `YesNo` field, whether it says yes.
    pub fn is_yes(&self) -> bool {
        crate::domain::vocab::parse_yes_no(self.input.text()).unwrap_or(false)
    }
}

/// A key as a form understands it (independent of the keymap).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    Char(char),
    Backspace,
    Delete,
    DeleteWord,
    Left,
    Right,
    Home,
    End,
    /// Tab, Down.
    Next,
    /// Shift-Tab, Up.
    Prev,
    /// Enter.
    Submit,
    /// Esc.
    Cancel,
}

impl FormKey {
    /// The usual keys: Tab/Down and Shift-Tab/Up move, Enter saves, Esc cancels,
    /// Ctrl-W deletes a word, Ctrl-A/Ctrl-E go home/end, Ctrl-N/Ctrl-P move.
    pub fn from_key(key: Key) -> Option<FormKey> {
        if let Some(c) = key.typed_char() {
            return Some(FormKey::Char(c));
        }
        Some(match key.code {
            Code::Char('w') if key.ctrl => FormKey::DeleteWord,
            Code::Char('h') if key.ctrl => FormKey::Backspace,
            Code::Char('a') if key.ctrl => FormKey::Home,
            Code::Char('e') if key.ctrl => FormKey::End,
            Code::Char('n') if key.ctrl => FormKey::Next,
            Code::Char('p') if key.ctrl => FormKey::Prev,
            Code::Enter => FormKey::Submit,
            Code::Esc => FormKey::Cancel,
            Code::Tab if key.shift => FormKey::Prev,
            Code::Tab | Code::Down => FormKey::Next,
            Code::BackTab | Code::Up => FormKey::Prev,
            Code::Backspace => FormKey::Backspace,
            Code::Delete => FormKey::Delete,
            Code::Left => FormKey::Left,
            Code::Right => FormKey::Right,
            Code::Home => FormKey::Home,
            Code::End => FormKey::End,
            _ => return None,
        })
    }
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    /// Nothing changed.
    Ignored,
    /// The focus or the cursor moved.
    Moved,
    /// A value changed.
    Edited,
    /// The user asks to save: parse and check, then `set_errors` or close.
    Submit,
    /// The user asks to leave without saving.
    Cancel,
}

/// A form: a title, fields, the one in focus, and an error that belongs to no field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub title: String,
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// Errors for keys no field has (shown on a line of their own).
    pub error: Option<String>,
    /// The values the form opened with, to tell whether anything was changed.
    initial: Vec<String>,
}

impl Form {
    /// A form over `fields`, focused on the first editable one.
    pub fn new(title: impl Into<String>, fields: Vec<FormField>) -> Form {
        let initial = fields.iter().map(|f| f.value().to_string()).collect();
        let focus = fields.iter().position(|f| !f.locked).unwrap_or(0);
        Form {
            title: title.into(),
            fields,
            focus,
            error: None,
            initial,
        }
    }

    /// The field in focus.
    pub fn focused(&self) -> Option<&FormField> {
        self.fields.get(self.focus)
    }

    pub fn field(&self, key: &str) -> Option<&FormField> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn field_mut(&mut self, key: &str) -> Option<&mut FormField> {
        self.fields.iter_mut().find(|f| f.key == key)
    }

    /// The text of the field with `key`; empty when there is no such field.
    pub fn value(&self, key: &str) -> &str {
        self.field(key).map_or("", FormField::value)
    }

    /// Replaces the text of the field with `key`. Returns whether there is one.
    pub fn set_value(&mut self, key: &str, text: &str) -> bool {
        match self.field_mut(key) {
            Some(f) => {
                f.input.set(text);
                true
            }
            None => false,
        }
    }

    /// Focuses the field with `key`. Returns whether there is one.
    pub fn focus_key(&mut self, key: &str) -> bool {
        match self.fields.iter().position(|f| f.key == key) {
            Some(i) => {
                self.focus = i;
                true
            }
            None => false,
        }
    }

    /// The text input in focus, for typing; `None` when the field is locked.
    pub fn input_mut(&mut self) -> Option<&mut TextInput> {
        self.fields
            .get_mut(self.focus)
            .filter(|f| !f.locked)
            .map(|f| &mut f.input)
    }

    fn step(&mut self, forward: bool) -> bool {
        let n = self.fields.len();
        if n == 0 {
            return false;
        }
        let start = self.focus;
        let mut i = self.focus;
        for _ in 0..n {
            i = if forward {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            if !self.fields[i].locked {
                self.focus = i;
                return i != start;
            }
        }
        false
    }

    /// Focuses the next editable field, wrapping to the first.
    pub fn next_field(&mut self) -> bool {
        self.step(true)
    }

    /// Focuses the previous editable field, wrapping to the last.
    pub fn prev_field(&mut self) -> bool {
        self.step(false)
    }

    /// Moves a `Choice` field to the next (`delta` 1) or previous (-1) choice, or
    /// toggles a `YesNo` field. Returns whether the value changed.
    pub fn cycle(&mut self, delta: i32) -> bool {
        let Some(f) = self.fields.get_mut(self.focus).filter(|f| !f.locked) else {
            return false;
        };
        match f.kind {
            FieldKind::Choice(choices) if !choices.is_empty() => {
                let n = choices.len() as i32;
                let next = match f.choice_index() {
                    Some(i) => (i as i32 + delta).rem_euclid(n),
                    None if delta >= 0 => 0,
                    None => n - 1,
                };
                f.input.set(choices[next as usize].0);
                true
            }
            FieldKind::YesNo => {
                let yes = f.is_yes();
                f.input.set(yes_no(!yes));
                true
            }
            _ => false,
        }
    }

    /// Applies one key to the field in focus.
    pub fn edit(&mut self, key: FormKey) -> FormEvent {
        match key {
            FormKey::Submit => return FormEvent::Submit,
            FormKey::Cancel => return FormEvent::Cancel,
            FormKey::Next => return moved(self.next_field()),
            FormKey::Prev => return moved(self.prev_field()),
            _ => {}
        }
        let Some(f) = self.fields.get_mut(self.focus).filter(|f| !f.locked) else {
            return FormEvent::Ignored;
        };
        let kind = f.kind;
        let input = &mut f.input;
        match (kind, key) {
            (FieldKind::Choice(_), FormKey::Char(' ')) => edited(self.cycle(1)),
            (FieldKind::Choice(_), FormKey::Left) => edited(self.cycle(-1)),
            (FieldKind::Choice(_), FormKey::Right) => edited(self.cycle(1)),
            (FieldKind::YesNo, FormKey::Char(' ') | FormKey::Left | FormKey::Right) => {
                edited(self.cycle(1))
            }
            (FieldKind::YesNo, FormKey::Char(c)) => {
                let v = match c.to_ascii_lowercase() {
                    'y' | '1' => yes_no(true),
                    'n' | '0' => yes_no(false),
                    _ => return FormEvent::Ignored,
                };
                let changed = input.text() != v;
                input.set(v);
                edited(changed)
            }
            (FieldKind::YesNo, _) => FormEvent::Ignored,
            (_, FormKey::Char(c)) => {
                let before = input.text().len();
                input.insert(c);
                edited(input.text().len() != before)
            }
            (_, FormKey::Backspace) => edited(input.backspace()),
            (_, FormKey::Delete) => edited(input.delete()),
            (_, FormKey::DeleteWord) => edited(input.delete_word()),
            (_, FormKey::Left) => {
                input.left();
                FormEvent::Moved
            }
            (_, FormKey::Right) => {
                input.right();
                FormEvent::Moved
            }
            (_, FormKey::Home) => {
                input.home();
                FormEvent::Moved
            }
            (_, FormKey::End) => {
                input.end();
                FormEvent::Moved
            }
            (_, FormKey::Next | FormKey::Prev | FormKey::Submit | FormKey::Cancel) => {
                FormEvent::Ignored
            }
        }
    }

    /// Puts each error beside the field whose key it names (several for one field
    /// are joined with `; `); errors for keys no editable field has go to the
    /// form's own error line. Replaces earlier errors, keeps every typed value, and
    /// focuses the first field with an error.
    pub fn set_errors(&mut self, errors: &[OpError]) {
        self.clear_errors();
        let mut general: Vec<String> = Vec::new();
        for e in errors {
            match self
                .fields
                .iter_mut()
                .find(|f| f.key == e.field && !f.locked)
            {
                Some(f) => match &mut f.error {
                    Some(m) => {
                        m.push_str("; ");
                        m.push_str(&e.message);
                    }
                    None => f.error = Some(e.message.clone()),
                },
                None => general.push(e.to_string()),
            }
        }
        if !general.is_empty() {
            self.error = Some(general.join("; "));
        }
        if let Some(i) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = i;
        }
    }

    /// Removes every error; the values stay.
    pub fn clear_errors(&mut self) {
        self.error = None;
        for f in &mut self.fields {
            f.error = None;
        }
    }

    pub fn has_errors(&self) -> bool {
        self.error.is_some() || self.fields.iter().any(|f| f.error.is_some())
    }

    /// Whether any value differs from what the form opened with.
    pub fn is_changed(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.initial)
            .any(|(f, v)| f.value() != v)
    }
}

/// The text a `YesNo` field holds.
pub fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn moved(b: bool) -> FormEvent {
    if b {
        FormEvent::Moved
    } else {
        FormEvent::Ignored
    }
}

fn edited(b: bool) -> FormEvent {
    if b {
        FormEvent::Edited
    } else {
        FormEvent::Ignored
    }
}
