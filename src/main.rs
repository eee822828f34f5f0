//! Browser entry point: trunk builds this binary to wasm32 and loads it from index.html.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(cidrplan_web::App);
    cidrplan_web::register_service_worker();
}
