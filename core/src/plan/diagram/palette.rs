//! The diagram's colours, light and dark: one [`Colors`] per [`Role`], shared by the page
//! and the SVG file.

use super::*;

/// Fill, outline and text colour of one role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colors {
    /// Fill.
    pub fill: &'static str,
    /// Outline.
    pub stroke: &'static str,
    /// Text on the fill.
    pub text: &'static str,
}

/// The explicit colours of a light or dark export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// The drawing's background.
    pub background: &'static str,
    /// Text.
    pub text: &'static str,
    /// Secondary text.
    pub muted: &'static str,
    /// The VPC frame's outline.
    pub frame: &'static str,
    /// Lane background.
    pub lane_fill: &'static str,
    /// Lane outline.
    pub lane_stroke: &'static str,
    /// The pin mark.
    pub pin: &'static str,
    /// Public tiers.
    pub public: Colors,
    /// Private tiers.
    pub private: Colors,
    /// Isolated tiers.
    pub isolated: Colors,
    /// Custom tiers.
    pub custom: Colors,
    /// Growth reservations.
    pub growth: Colors,
    /// The hatched fill's background and stripes, and its label's colour.
    pub avoided: Colors,
    /// Free space.
    pub free: Colors,
}

impl Palette {
    /// The colours of role `r`.
    pub fn role(&self, r: Role) -> Colors {
        match r {
            Role::Public => self.public,
            Role::Private => self.private,
            Role::Isolated => self.isolated,
            Role::Custom => self.custom,
            Role::Growth => self.growth,
            Role::Avoided => self.avoided,
            Role::Free => self.free,
        }
    }
}

const fn colors(fill: &'static str, stroke: &'static str, text: &'static str) -> Colors {
    Colors { fill, stroke, text }
}

/// The light theme.
pub const LIGHT: Palette = Palette {
    background: "#ffffff",
    text: "#0f172a",
    muted: "#475569",
    frame: "#334155",
    lane_fill: "#f8fafc",
    lane_stroke: "#cbd5e1",
    pin: "#dc2626",
    public: colors("#dbeafe", "#2563eb", "#1e3a8a"),
    private: colors("#dcfce7", "#16a34a", "#14532d"),
    isolated: colors("#fef3c7", "#d97706", "#78350f"),
    custom: colors("#f3e8ff", "#9333ea", "#581c87"),
    growth: colors("#f1f5f9", "#64748b", "#334155"),
    avoided: colors("#fee2e2", "#b91c1c", "#7f1d1d"),
    free: colors("#ffffff", "#94a3b8", "#475569"),
};

/// The dark theme.
pub const DARK: Palette = Palette {
    background: "#0b1120",
    text: "#e2e8f0",
    muted: "#94a3b8",
    frame: "#94a3b8",
    lane_fill: "#111827",
    lane_stroke: "#334155",
    pin: "#f87171",
    public: colors("#1e3a5f", "#60a5fa", "#dbeafe"),
    private: colors("#14532d", "#4ade80", "#dcfce7"),
    isolated: colors("#713f12", "#fbbf24", "#fef3c7"),
    custom: colors("#3b0764", "#c084fc", "#f3e8ff"),
    growth: colors("#1e293b", "#64748b", "#cbd5e1"),
    avoided: colors("#450a0a", "#f87171", "#fecaca"),
    free: colors("#0f172a", "#475569", "#94a3b8"),
};

/// The light or dark palette.
pub fn palette(dark: bool) -> &'static Palette {
    if dark {
        &DARK
    } else {
        &LIGHT
    }
}
