//! The planner's small enums of named choices (tier kinds, strategies, NAT settings) share one
//! shape, written once by `choices!`: `ALL` in the form's order (which is also each value's
//! share-link code), `id` (files, the CLI, JSON), `label` (the page), `code`/`from_code`
//! (links), `Display` (the id) and `FromStr` (the id in any case, `_` or a space for `-`,
//! refused with the list of ids).

/// "a, b or c", for the message of a refused choice.
pub(crate) fn either(ids: &[&str]) -> String {
    match ids {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// `choices! { #[attrs] pub enum Name, "what it is in messages" { #[attrs] Variant => "id", "Label"; … } }`
macro_rules! choices {
    (
        $(#[$meta:meta])*
        pub enum $name:ident, $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $id:literal, $label:literal; )+
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in the order the form lists them (and their link codes).
            pub const ALL: [$name; [$($id),+].len()] = [$($name::$variant),+];

            /// The name in files, the CLI and JSON.
            pub const fn id(self) -> &'static str {
                match self {
                    $( $name::$variant => $id, )+
                }
            }

            /// The name on the page.
            pub const fn label(self) -> &'static str {
                match self {
                    $( $name::$variant => $label, )+
                }
            }

            /// The value's code in share links (its position in `ALL`).
            pub const fn code(self) -> u8 {
                self as u8
            }

            /// The value of a share-link code; `None` for a code this version does not know.
            pub fn from_code(code: u8) -> Option<$name> {
                $name::ALL.get(code as usize).copied()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.id())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<$name, String> {
                let t = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
                $name::ALL.into_iter().find(|k| k.id() == t).ok_or_else(|| {
                    format!(
                        concat!("Unknown ", $what, " '{}': use {}"),
                        s.trim(),
                        $crate::plan::choices::either(&[$($id),+])
                    )
                })
            }
        }
    };
}

pub(crate) use choices;
