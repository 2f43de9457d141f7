// The shape of a status while it loads, so the page does not jump when it arrives.
export function StatusSkeleton() {
  return (
    <div class="status skeleton-status" aria-hidden="true">
      <div class="skeleton avatar" style={{ width: "46px", height: "46px" }} />
      <div class="status-main">
        <div class="skeleton" style={{ width: "40%", height: "14px", marginBottom: "8px" }} />
        <div class="skeleton" style={{ width: "95%", height: "12px", marginBottom: "6px" }} />
        <div class="skeleton" style={{ width: "80%", height: "12px" }} />
      </div>
    </div>
  );
}
