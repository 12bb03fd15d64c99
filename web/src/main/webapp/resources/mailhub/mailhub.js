/* The admin UI's only hand-written script: copy the read-only field next to a Copy button. */
var mailhub = {
  copy: function (button) {
    var field = button.parentNode.querySelector('input');
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value);
    } else {
      document.execCommand('copy');
    }
    button.querySelector('.ui-button-text').textContent = 'Copied';
  }
};
