//! Colours and emphasis. The default theme uses the terminal's own foreground and
//! background with a few named colours, so it reads on dark and light terminals
//! alike; `light` and `high-contrast` are tuned variants; NO_COLOR keeps only bold,
//! underline and reverse.

use ratatui::style::{Color, Modifier, Style};

/// Which palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeKind {
    #[default]
    Default,
    Light,
    HighContrast,
}

impl ThemeKind {
    pub fn parse(s: &str) -> Option<ThemeKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "default" | "dark" | "auto" => Some(ThemeKind::Default),
            "light" => Some(ThemeKind::Light),
            "high-contrast" | "contrast" | "hc" => Some(ThemeKind::HighContrast),
            _ => None,
        }
    }
}

/// The styles the UI draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub border: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub selected: Style,
    pub matched: Style,
    pub header: Style,
    pub key: Style,
    pub warn: Style,
    pub error: Style,
    pub ok: Style,
    pub badge: Style,
}

impl Theme {
    pub fn new(kind: ThemeKind, no_color: bool) -> Theme {
        if no_color {
            return Theme::monochrome();
        }
        let (accent, warn, err, ok, dim) = match kind {
            ThemeKind::Default => (
                Color::Cyan,
                Color::Yellow,
                Color::Red,
                Color::Green,
                Color::DarkGray,
            ),
            ThemeKind::Light => (
                Color::Blue,
                Color::Magenta,
                Color::Red,
                Color::Green,
                Color::DarkGray,
            ),
            ThemeKind::HighContrast => (
                Color::White,
                Color::Yellow,
                Color::LightRed,
                Color::LightGreen,
                Color::Gray,
            ),
        };
        let bold = Modifier::BOLD;
        let mut t = Theme {
            text: Style::new(),
            dim: Style::new().fg(dim),
            title: Style::new().add_modifier(bold),
            border: Style::new().fg(dim),
            tab: Style::new(),
            tab_active: Style::new()
                .fg(accent)
                .add_modifier(bold | Modifier::REVERSED),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            matched: Style::new()
                .fg(accent)
                .add_modifier(bold | Modifier::UNDERLINED),
            header: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            key: Style::new().fg(accent).add_modifier(bold),
            warn: Style::new().fg(warn).add_modifier(bold),
            error: Style::new().fg(err).add_modifier(bold),
            ok: Style::new().fg(ok),
            badge: Style::new().fg(warn).add_modifier(bold),
        };
        if kind == ThemeKind::HighContrast {
            t.text = Style::new().fg(Color::White).bg(Color::Black);
            t.dim = Style::new().fg(Color::Gray).bg(Color::Black);
            t.border = Style::new().fg(Color::White);
            t.selected = Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(bold);
        }
        t
    }

    /// Bold, underline and reverse only.
    pub fn monochrome() -> Theme {
        let b = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            text: Style::new(),
            dim: Style::new(),
            title: b,
            border: Style::new(),
            tab: Style::new(),
            tab_active: Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            matched: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            header: Style::new().add_modifier(Modifier::UNDERLINED),
            key: b,
            warn: b,
            error: b,
            ok: Style::new(),
            badge: b,
        }
    }

    /// The theme the environment asks for: $NO_COLOR (any non-empty value) wins, then
    /// `kind`.
    pub fn from_env(kind: ThemeKind) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::new(kind, no_color)
    }
}
