// The unit picker of a role grant offers only the units of the level the chosen role needs (none for a role without
// a unit), and the producer picker shows only for a producer account. Without this script every field stays on offer
// and the server still refuses a unit of the wrong level or a producer for another role.
document.addEventListener("DOMContentLoaded", () => {
  for (const role of document.querySelectorAll("select[data-unit-levels]")) {
    const units = role.form.querySelector("select[name=unit]");
    const producers = role.form.querySelector("select[name=producer]");
    const levels = JSON.parse(role.dataset.unitLevels);
    const offer = () => {
      const level = levels[role.value];
      for (const option of units.options) {
        if (option.value) option.hidden = option.disabled = option.dataset.level !== level;
      }
      if (units.selectedOptions.length && units.selectedOptions[0].disabled) units.value = "";
      units.closest(".field").hidden = !level;
      const forProducer = role.value === role.dataset.producerRole;
      if (!forProducer) producers.value = "";
      producers.required = forProducer;
      producers.closest(".field").hidden = !forProducer;
    };
    role.addEventListener("change", offer);
    offer();
  }
});
