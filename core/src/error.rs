//! The core's message errors: a refusal whose whole content is a sentence for people
//! (`OpError`, `ShareError`, `DesignError`). `message_error!` writes each one's type,
//! `message`, `Display` and `Error` once.

/// `message_error! { /// docs  Name }`: a `pub struct Name(pub String)` error.
macro_rules! message_error {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $name(pub String);

        impl $name {
            /// The message for people.
            pub fn message(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::error::Error for $name {}
    };
}

pub(crate) use message_error;
