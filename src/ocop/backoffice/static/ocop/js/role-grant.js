// The unit picker of a role grant offers only the units of the level the chosen role needs (none for a role without
// a unit). Without this script every unit stays on offer and the server still refuses a unit of the wrong level.
document.addEventListener("DOMContentLoaded", () => {
  for (const role of document.querySelectorAll("select[data-unit-levels]")) {
    const units = role.form.querySelector("select[name=unit]");
    const levels = JSON.parse(role.dataset.unitLevels);
    const offer = () => {
      const level = levels[role.value];
      for (const option of units.options) {
        if (option.value) option.hidden = option.disabled = option.dataset.level !== level;
      }
      if (units.selectedOptions.length && units.selectedOptions[0].disabled) units.value = "";
      units.closest(".field").hidden = !level;
    };
    role.addEventListener("change", offer);
    offer();
  }
});
